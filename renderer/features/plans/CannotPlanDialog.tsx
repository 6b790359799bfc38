import type { UnplacedReview } from '../../../shared/domain/plan';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import './plans.css';

/**
 * A proposal the engine refused (all or nothing): every VM it could not place, why, and what would
 * help. Nothing was created: saying so is the point of the dialog.
 */
export function CannotPlanDialog(props: {
  title: string;
  message: string;
  unplaced: readonly UnplacedReview[];
  onClose: () => void;
}) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId="cannot-deploy"
      tone="danger"
      width="wide"
      footer={
        <Button variant="primary" onClick={props.onClose} data-autofocus>
          Close
        </Button>
      }
    >
      <p className="cannot-message">{props.message}</p>
      <p className="cannot-nothing" data-testid="nothing-created">
        <strong>Nothing was created</strong>: no VM was defined or started on any host.
      </p>
      <ul className="unplaced-list">
        {props.unplaced.map((vm) => (
          <li key={vm.vmName} data-testid="unplaced-vm" data-vm-name={vm.vmName}>
            <p className="unplaced-name">{vm.vmName}</p>
            {vm.blockedBy && (
              <p className="small muted">Fits, but waits for the others: {vm.blockedBy}</p>
            )}
            {vm.reasons.length > 0 && (
              <ul className="unplaced-reasons">
                {vm.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            {vm.suggestions.length > 0 && (
              <>
                <p className="small">What would help:</p>
                <ul className="unplaced-suggestions">
                  {vm.suggestions.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
