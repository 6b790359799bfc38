import { memo } from 'react';
import type { HeatKey } from './heat-scale';

/** How big tiles are drawn: large ones carry their name and figure, small ones only colour. */
export type TileSize = 'large' | 'medium' | 'small';

/** Large up to 40 hosts (names fit), medium up to 300, small beyond: 1,000 fit on one screen. */
export function tileSizeFor(count: number): TileSize {
  if (count <= 40) return 'large';
  if (count <= 300) return 'medium';
  return 'small';
}

export interface HeatTileProps {
  hostId: string;
  name: string;
  heat: HeatKey;
  problem: boolean;
  label: string;
  /** Large tiles only: the figure or the health in a word or two. */
  caption: string | undefined;
  /** The one tile Tab lands on (roving tabindex: the map is one stop, arrows move within). */
  tabbable: boolean;
  selected: boolean;
  /** The search does not show this host: drawn faint, in its place. */
  dim: boolean;
}

/**
 * One host. Props are values only, so a new sample re-renders a tile only when its band, health
 * or caption moved; clicks, keys and hovers are handled once, on the grid.
 */
export const HeatTile = memo(function HeatTile(props: HeatTileProps) {
  return (
    <button
      type="button"
      className="heat-tile"
      data-testid="heat-tile"
      data-host-id={props.hostId}
      data-heat={props.heat}
      data-problem={props.problem ? 'true' : undefined}
      data-dim={props.dim ? 'true' : undefined}
      aria-label={props.dim ? `${props.label} (not found by the search)` : props.label}
      aria-describedby="heat-tooltip"
      aria-current={props.selected ? 'true' : undefined}
      tabIndex={props.tabbable ? 0 : -1}
    >
      {props.caption !== undefined && (
        <>
          <span className="heat-tile-name">{props.name}</span>
          <span className="heat-tile-caption">{props.caption}</span>
        </>
      )}
      {props.problem && (
        <span className="heat-tile-mark" aria-hidden="true">
          !
        </span>
      )}
    </button>
  );
});
