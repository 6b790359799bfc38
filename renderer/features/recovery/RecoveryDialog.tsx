import { useState } from 'react';
import type { Host } from '../../../shared/domain';
import { confirmsHost } from '../../../shared/domain/recovery';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { recoveryConfirmLabel } from '../../../shared/words/recovery-words';
import { useFleet } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { RecoveryGate, RecoveryLeftOutList } from './RecoveryGate';
import { ReviewTable } from '../plans/ReviewTable';
import { useNamer } from '../plans/use-host-names';
import { useRecovery } from './use-recovery';
import './recovery.css';

/** "Recover VMs…" of the host it was opened for, while the fleet still lists that host. */
export function RecoveryDialog() {
  const hostId = useUiStore((s) => s.recoverHostId);
  const host = useFleet().data?.hosts.find((h) => h.config.id === hostId);
  if (!host) return null;
  return <Recovery key={host.config.id} host={host} />;
}

/**
 * The review of a recovery: is the host down (the witnesses), is it off (its BMC, or the admin's
 * word), which VMs go where and why, what stays and why. The only ways through: power it off
 * through its BMC, or type its name to confirm it is off; then the plan is approved and runs.
 */
function Recovery(props: { host: Host }) {
  const { host } = props;
  const name = host.config.name;
  const close = useUiStore((s) => s.closeRecovery);
  const names = useNamer();
  const { proposal, check, recover } = useRecovery(host.config.id);
  const [typed, setTyped] = useState('');
  const blocked = proposal?.blocked;
  const plan = proposal?.plan;
  // Refused before any fencing: a partition, no witness, or the host is back.
  const refused = blocked !== undefined && blocked.code !== 'not-fenced';
  const offByBmc = proposal !== undefined && blocked === undefined;
  const confirmed = confirmsHost(typed, name);
  const canRecover = plan !== undefined && !refused && (offByBmc || confirmed);
  const busy = check.isPending || recover.isPending;
  const failure = check.error ?? recover.error;

  return (
    <Dialog
      title={`Recover VMs of ${name}`}
      onClose={close}
      testId="recovery-dialog"
      width="wide"
      tone="danger"
      footer={
        <>
          <Button onClick={close} disabled={recover.isPending}>
            Cancel
          </Button>
          <Button onClick={() => check.mutate()} busy={check.isPending} disabled={busy}>
            Check again
          </Button>
          {host.config.power !== undefined && !offByBmc && (
            <Button
              variant="danger"
              disabled={busy || refused || plan === undefined}
              busy={recover.isPending && recover.variables.fence === true}
              onClick={() => recover.mutate({ fence: true })}
              data-testid="recovery-fence"
            >
              Power off through BMC and recover
            </Button>
          )}
          <Button
            variant="primary"
            disabled={busy || !canRecover}
            busy={recover.isPending && recover.variables.fence !== true}
            onClick={() => recover.mutate(offByBmc ? {} : { confirmName: typed })}
            data-testid="recovery-approve"
          >
            {plan ? `Approve: restart ${plural(plan.review?.length ?? 0, 'VM')}` : 'Approve'}
          </Button>
        </>
      }
    >
      <div className="recovery-body" data-testid="recovery-body" data-blocked={blocked?.code ?? ''}>
        {proposal === undefined ? (
          <p className="muted">Asking the witnesses and {name}&apos;s BMC…</p>
        ) : (
          <>
            <RecoveryGate host={host} proposal={proposal} />
            {plan?.review && plan.review.length > 0 && (
              <>
                <h3 className="section-title">
                  {refused ? 'What a recovery would restart' : 'Restarted on other hosts'}
                </h3>
                <ReviewTable rows={plan.review} names={names} />
              </>
            )}
            {proposal.leftOut.length > 0 && (
              <RecoveryLeftOutList hostName={name} leftOut={proposal.leftOut} />
            )}
            {!refused && !offByBmc && plan !== undefined && (
              <div className="recovery-confirm">
                <Field
                  label={`${recoveryConfirmLabel(name)}: type ${name} to confirm`}
                  testId="recovery-confirm-name"
                  autoComplete="off"
                  spellCheck={false}
                  span={4}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  hint="Only when you have seen it off (its power light, its PDU outlet, a colleague in the room): a host that still runs its VMs would run each twice, corrupting their disks."
                />
              </div>
            )}
          </>
        )}
        {failure && (
          <ErrorNotice
            title={`Couldn't recover the VMs of ${name}`}
            error={AppError.from(failure)}
            testId="recovery-error"
          />
        )}
      </div>
    </Dialog>
  );
}
