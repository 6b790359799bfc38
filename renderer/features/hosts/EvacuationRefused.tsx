import type { RefusedEvacuation } from '../move/use-maintenance';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';

/**
 * A host in maintenance whose VMs cannot all leave: what stays and why, VM by VM, and when some
 * can go, "Move what fits (N of M)", which opens the review of the plan that moves those.
 */
export function EvacuationRefused(props: { hostName: string; evacuation: RefusedEvacuation }) {
  const { evacuation } = props;
  const openReview = useUiStore((s) => s.openReview);
  const partial = evacuation.partial;
  const moving = partial?.steps.length ?? 0;
  const total = moving + evacuation.unplaced.length;
  return (
    <div className="notice-warning notice-block" role="alert" data-testid="evacuation-refused">
      <p>
        {props.hostName} is in maintenance, but its VMs cannot all be moved off:{' '}
        {evacuation.message}
      </p>
      <p className="small">{partial ? 'These stay, and why:' : 'Why:'}</p>
      <ul data-testid="evacuation-stays">
        {evacuation.unplaced.map((u) => (
          <li key={u.vmName}>
            {u.vmName}: {[...u.reasons, ...u.suggestions].join('; ')}
          </li>
        ))}
      </ul>
      {partial && (
        <div>
          <Button
            size="small"
            variant="primary"
            onClick={() => openReview(partial.id)}
            data-testid="move-what-fits"
          >
            Move what fits ({moving} of {total})
          </Button>
        </div>
      )}
    </div>
  );
}
