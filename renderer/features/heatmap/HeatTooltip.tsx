import type { HeatTile } from './heat-tiles';
import { useHeatHover } from './heatmap-store';

/**
 * The one tooltip of the map, for the hovered or focused tile: its name, state and the chosen
 * figure in words. One element for the whole map, so hovering re-renders no tile.
 */
export function HeatTooltip(props: { tiles: ReadonlyMap<string, HeatTile>; showValue: boolean }) {
  const hostId = useHeatHover((s) => s.hostId);
  const anchor = useHeatHover((s) => s.anchor);
  const tile = hostId === null ? undefined : props.tiles.get(hostId);
  if (!tile || !anchor) return null;
  // Below the tile, or above it near the bottom of the window.
  const below = anchor.bottom + 120 < window.innerHeight;
  const style = {
    left: Math.min(anchor.left, window.innerWidth - 340),
    ...(below ? { top: anchor.bottom + 6 } : { bottom: window.innerHeight - anchor.top + 6 }),
  };
  return (
    <div
      id="heat-tooltip"
      role="tooltip"
      className="heat-tooltip"
      style={style}
      data-testid="heat-tooltip"
    >
      <strong>{tile.name}</strong>
      <span>{tile.healthWords}</span>
      {props.showValue && <span>{tile.valueWords}</span>}
      <span className="muted">Click or Enter: open its details</span>
    </div>
  );
}
