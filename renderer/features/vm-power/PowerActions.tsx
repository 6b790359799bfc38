import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { powerLeftOutCode, type PowerAction } from '../../../shared/domain/vm-power';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { POWER_ACTIONS, POWER_ACTION_WORDS } from '../../../shared/words/vm-power-words';
import { useClient } from '../../api/api-context';
import { useAskBefore, useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { usePlanWriter } from '../plans/use-plan-writer';
import './power.css';

/** The VMs a power action is for: ids (any selection: the topology's, a table's) or one host's. */
export type PowerScope = { vmIds: readonly VmId[] } | { hostId: HostId; hostName: string };

/**
 * Start, Shut down, Reboot, Pause, Resume, Force off for many VMs at once. Each button says for how
 * many VMs of the scope it makes sense (the same rule the core plans by) and proposes a plan, which
 * opens in the plan review: nothing runs before the admin approves it there. Force off asks first
 * when the admin wants to be asked before a stop (Settings → confirmations).
 */
export function PowerActions(props: { scope: PowerScope; testId?: string }) {
  const { scope } = props;
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const askBeforeStop = useAskBefore('stop');
  const [confirm, setConfirm] = useState<PowerAction | null>(null);
  const { data: fleet } = useFleet();
  const vms =
    fleet?.vms.filter((vm) =>
      'hostId' in scope ? vm.hostId === scope.hostId : scope.vmIds.includes(vm.id),
    ) ?? [];
  const fits = (action: PowerAction): number =>
    vms.filter((vm) => powerLeftOutCode(action, vm) === undefined).length;
  const propose = useMutation({
    mutationFn: (action: PowerAction) =>
      client.call('vms:plan-power', {
        action,
        ...('hostId' in scope ? { hostId: scope.hostId } : { vmIds: [...scope.vmIds] }),
      }),
    onSuccess: (plan) => {
      writePlan(plan);
      openReview(plan.id);
    },
  });
  const ask = (action: PowerAction): void => {
    if (POWER_ACTION_WORDS[action].destructive && askBeforeStop) setConfirm(action);
    else propose.mutate(action);
  };
  const what = 'hostId' in scope ? `the VMs of ${scope.hostName}` : plural(vms.length, 'VM');
  return (
    <span className="power-actions" data-testid={props.testId ?? 'power-actions'}>
      <span className="button-row" role="group" aria-label={`Power actions for ${what}`}>
        {POWER_ACTIONS.map((action) => {
          const count = fits(action);
          const words = POWER_ACTION_WORDS[action];
          return (
            <Button
              key={action}
              size="small"
              variant={words.destructive ? 'danger' : 'secondary'}
              disabled={count === 0 || propose.isPending}
              busy={propose.isPending && propose.variables === action}
              title={
                count === 0
                  ? `None of ${what} can be ${words.past}`
                  : `${plural(count, 'VM')} of ${what} can be ${words.past}; review the plan first`
              }
              onClick={() => ask(action)}
              data-testid={`power-${action}`}
            >
              {words.label} ({count}){words.destructive ? '…' : ''}
            </Button>
          );
        })}
      </span>
      {propose.error && (
        <ErrorNotice
          title={`Couldn't plan to ${POWER_ACTION_WORDS[propose.variables ?? 'start'].label.toLowerCase()} ${what}`}
          error={AppError.from(propose.error)}
          testId="power-error"
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={`${POWER_ACTION_WORDS[confirm].label} ${plural(fits(confirm), 'VM')}?`}
          confirmLabel="Review the plan"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            propose.mutate(confirm);
          }}
        >
          <p>
            This pulls the virtual power plug of {what}: the guests get no chance to shut down and
            unsaved data in them is lost. The plan opens for review before anything runs.
          </p>
        </ConfirmDialog>
      )}
    </span>
  );
}
