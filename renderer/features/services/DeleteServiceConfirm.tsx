import type { Plan } from '../../../shared/domain/plan';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useHostNames } from '../plans/use-host-names';

/** "Delete service shop?" naming every VM its plan will stop and remove, read from that plan. */
export function DeleteServiceConfirm(props: {
  name: string;
  plan: Plan;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const hostName = useHostNames();
  const removed = props.plan.steps.filter((s) => s.kind === 'undefine');
  return (
    <ConfirmDialog
      title={`Delete service ${props.name}?`}
      confirmLabel={
        removed.length > 0
          ? `Delete ${props.name} and ${removed.length} VM${removed.length === 1 ? '' : 's'}`
          : `Delete ${props.name}`
      }
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      busy={props.busy}
      testId="delete-service-confirm"
    >
      {removed.length > 0 ? (
        <>
          <p>These VMs will be stopped and removed from their hosts, with their definitions:</p>
          <ul className="destroy-list" data-testid="destroy-list">
            {removed.map((s) => (
              <li key={s.id}>
                <strong>{s.vmName}</strong> on {hostName(s.hostId)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No VM of this service exists on any host: only its definition is removed.</p>
      )}
      <p>The service definition is forgotten too. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
