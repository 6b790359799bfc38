import { attachGhost } from './drag-ghost';
import { useDragStore, useHoverStore } from './drag-store';
import { VERDICT_HEADLINE } from './verdict-words';

/**
 * What follows the pointer during a drag: a ghost of the carried VMs and, under it, what the host
 * beneath says (headroom after the move, or why it refuses). Positioned by `placeGhost`, never by
 * a render.
 */
export function DragOverlay() {
  const label = useDragStore((s) => s.drag?.label);
  if (label === undefined) return null;
  return (
    <div className="drag-layer" ref={attachGhost} data-testid="drag-layer">
      <div className="drag-ghost" data-testid="drag-ghost">
        {label}
      </div>
      <DragTooltip />
    </div>
  );
}

function DragTooltip() {
  const hover = useHoverStore((s) => s.hover);
  if (!hover) {
    return (
      <div className="drag-tip" role="status">
        Drop on a green or amber host · Esc cancels
      </div>
    );
  }
  const { verdict } = hover;
  return (
    <div
      className={`drag-tip drag-tip-${verdict.kind}`}
      role="status"
      data-testid="drag-tooltip"
      data-verdict={verdict.kind}
      data-host-id={hover.hostId}
    >
      <p className="drag-tip-title">
        {VERDICT_HEADLINE[verdict.kind]} · {hover.hostName}
      </p>
      {verdict.reasons.length > 0 && (
        <ul className="drag-tip-reasons">
          {verdict.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {verdict.kind !== 'refused' && hover.headroom && (
        <p className="drag-tip-room">{hover.headroom}</p>
      )}
      {verdict.fix && <p className="drag-tip-fix">{verdict.fix}</p>}
    </div>
  );
}
