import { useState } from 'react';
import type { VmAction } from '../../../shared/contract/requests';
import type { Host, Vm } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { plural } from '../../../shared/words';
import { VM_ACTIONS } from './host-action-words';
import { useAskBefore } from '../../api/queries';
import { powerBlocked, usePowerTargets, useVmPower } from './use-vm-power';

/**
 * Start, Resume, Shut down, Reboot, Force off: on the shown VM, or on every selected VM when it is
 * one of several (the buttons say how many; one that cannot act on all of them says why).
 */
export function VmPowerButtons(props: { vm: Vm; host: Host | undefined }) {
  const targets = usePowerTargets(props.vm, props.host);
  const act = useVmPower(targets);
  const [confirmDestroy, setConfirmDestroy] = useState(false);
  const many = targets.length > 1;
  const names = targets.map((t) => t.vm.name).join(', ');
  const hostName = props.host?.config.name ?? props.vm.hostId;
  const failedVerb = VM_ACTIONS.find((a) => a.action === act.variables)?.verb ?? 'act on';
  const askBeforeForceOff = useAskBefore('stop');
  const run = (action: VmAction) =>
    action === 'destroy' && askBeforeForceOff ? setConfirmDestroy(true) : act.mutate(action);

  return (
    <>
      {many && (
        <p className="muted small" data-testid="vm-power-scope">
          Power actions apply to the {targets.length} selected VMs: {names}.
        </p>
      )}
      <div className="button-row" role="group" aria-label="VM actions">
        {VM_ACTIONS.map(({ action, label }) => {
          const blocked = powerBlocked(action, targets);
          return (
            <Button
              key={action}
              size="small"
              variant={action === 'destroy' ? 'danger' : 'secondary'}
              busy={act.isPending && act.variables === action}
              disabled={act.isPending || blocked !== undefined}
              title={
                blocked && many
                  ? `Not for all ${targets.length} selected VMs: ${blocked}`
                  : undefined
              }
              onClick={() => run(action)}
              data-testid={`vm-action-${action}`}
            >
              {many ? `${label} ${targets.length} VMs` : label}
              {action === 'destroy' ? '…' : ''}
            </Button>
          );
        })}
      </div>
      {!many && props.host?.state !== 'connected' && (
        <p className="muted small">Actions wait for {hostName} to be connected.</p>
      )}
      {act.error && (
        <ErrorNotice
          title={
            many
              ? `Couldn't ${failedVerb} some of the ${targets.length} selected VMs`
              : `Couldn't ${failedVerb} VM '${props.vm.name}' on ${hostName}`
          }
          error={AppError.from(act.error)}
          testId="vm-action-error"
        />
      )}
      {confirmDestroy && (
        <ConfirmDialog
          title={
            many ? `Force off ${plural(targets.length, 'VM')}?` : `Force off VM '${props.vm.name}'?`
          }
          confirmLabel={many ? `Force off ${targets.length} VMs` : 'Force off'}
          onCancel={() => setConfirmDestroy(false)}
          onConfirm={() => {
            setConfirmDestroy(false);
            act.mutate('destroy');
          }}
        >
          <p>
            This pulls the virtual power plug of {many ? names : `‘${props.vm.name}’`}
            {many ? '' : ` on ${hostName}`}: the guest gets no chance to shut down and unsaved data
            in it is lost.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
