import {
  useMemo,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type Ref,
  type SyntheticEvent,
} from 'react';
import type { HostId } from '../../../shared/domain';
import type { HeatGroup } from './heat-groups';
import { COLOUR_BY, HEALTH_LEVELS, type ColourBy } from './heat-scale';
import { basisFor, type TileStep } from './heat-fit';
import { HeatTile } from './HeatTile';
import { useHeatHover } from './heatmap-store';
import { plural } from '../../../shared/words';

/**
 * Every group and its tiles. One listener each for click, keys, hover and focus, on the grid:
 * tiles stay pure values. The map is one Tab stop; arrows, Home and End move within it.
 */
export function HeatGrid(props: {
  groups: readonly HeatGroup[];
  colourBy: ColourBy;
  /** The tile size and pitch (heat-fit.ts): the class, and the CSS variables it sets. */
  step: TileStep;
  selectedHostId: string | null;
  /** Whether the search shows a host; the others are dimmed where they are. */
  shown: (hostId: HostId) => boolean;
  onOpen: (hostId: string) => void;
  ref?: Ref<HTMLDivElement>;
}) {
  const { groups, colourBy, step, selectedHostId, shown, onOpen, ref } = props;
  const { size } = step;
  const order = useMemo(
    (): string[] => groups.flatMap((g) => g.tiles.map((t) => t.hostId)),
    [groups],
  );
  const [focusId, setFocusId] = useState<string | null>(null);
  const tabbableId =
    focusId !== null && order.includes(focusId)
      ? focusId
      : selectedHostId !== null && order.includes(selectedHostId)
        ? selectedHostId
        : (order[0] ?? null);
  const show = useHeatHover((s) => s.show);
  const hide = useHeatHover((s) => s.hide);
  const metric = COLOUR_BY.find((c) => c.value === colourBy)?.figure ?? '';

  const hover = (event: SyntheticEvent) => {
    const tile = tileOf(event.target);
    if (tile) show(tile.dataset.hostId ?? '', tile.getBoundingClientRect());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const tile = tileOf(event.target);
    const from = tile ? order.indexOf(tile.dataset.hostId ?? '') : -1;
    if (!tile || from < 0) return;
    const next = nextIndex(event.key, from, order.length, columnsOf(tile));
    if (next === undefined) return;
    event.preventDefault();
    const id = order[next];
    if (id === undefined) return;
    setFocusId(id);
    document.querySelector<HTMLElement>(`.heat-tile[data-host-id="${CSS.escape(id)}"]`)?.focus();
  };

  return (
    <div
      ref={ref}
      className={`heat-groups heat-size-${size}`}
      style={stepStyle(step)}
      data-testid="heat-groups"
      onClick={(event) => {
        const id = tileOf(event.target)?.dataset.hostId;
        if (id) onOpen(id);
      }}
      onKeyDown={onKeyDown}
      onPointerOver={hover}
      onPointerLeave={hide}
      onFocus={(event) => {
        const id = tileOf(event.target)?.dataset.hostId;
        if (id) setFocusId(id);
        hover(event);
      }}
      onBlur={hide}
    >
      {groups.map((group) => (
        <section
          key={group.value}
          className="heat-group"
          aria-label={group.title}
          data-testid="heat-group"
          data-group={group.title}
          style={{ flexBasis: basisFor(group.tiles.length, step) }}
        >
          <h3 className="heat-group-title" title={group.title}>
            <span className="heat-group-name">{group.title}</span>{' '}
            {plural(group.tiles.length, 'host')}
          </h3>
          <p className="heat-group-figures" data-testid="heat-group-figures">
            {groupFigures(group, colourBy, metric)}
          </p>
          <div className="heat-tiles">
            {group.tiles.map((tile) => (
              <HeatTile
                key={tile.hostId}
                hostId={tile.hostId}
                name={tile.name}
                heat={tile.key}
                problem={tile.problem}
                label={tile.label}
                caption={
                  size === 'large' ? captionOf(tile.percent, tile.health, colourBy) : undefined
                }
                tabbable={tile.hostId === tabbableId}
                selected={tile.hostId === selectedHostId}
                dim={!shown(tile.hostId)}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function tileOf(target: EventTarget): HTMLElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLElement>('.heat-tile') : null;
}

/** How many tiles a row of the tile's group holds, from the grid the browser laid out. */
function columnsOf(tile: HTMLElement): number {
  const grid = tile.parentElement;
  if (!grid) return 1;
  return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
}

/** Where an arrow key goes in the flat order: up and down by a row of the group's grid. */
export function nextIndex(
  key: string,
  from: number,
  count: number,
  columns: number,
): number | undefined {
  const step: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    Home: -from,
    End: count - 1 - from,
  };
  const move = step[key];
  if (move === undefined) return undefined;
  return Math.min(count - 1, Math.max(0, from + move));
}

/** The tile size as the CSS variables the tiles and their grid read. */
function stepStyle(step: TileStep): CSSProperties {
  return {
    '--tile-w': `${step.width}px`,
    '--tile-h': `${step.height}px`,
    '--tile-gap': `${step.gap}px`,
  } as CSSProperties;
}

/** The header's second line: trouble and the average, short enough for a group of 50 small tiles. */
function groupFigures(group: HeatGroup, colourBy: ColourBy, metric: string): string {
  const parts = group.problems > 0 ? [`${group.problems} in trouble`] : [];
  if (colourBy !== 'health' && group.average !== undefined) {
    parts.push(`${metric} avg ${group.average.toFixed(0)} %`);
  }
  if (parts.length === 0) parts.push('none in trouble');
  return parts.join(' · ');
}

function captionOf(percent: number | undefined, health: string, colourBy: ColourBy): string {
  if (colourBy === 'health') return HEALTH_LEVELS.find((h) => h.level === health)?.short ?? health;
  return percent === undefined ? 'no figure' : `${percent.toFixed(0)} %`;
}
