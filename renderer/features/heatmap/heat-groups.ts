import type { Host } from '../../../shared/domain';
import type { HeatTile } from './heat-tiles';

/** A group of tiles under one value of the chosen label, with what its header says. */
export interface HeatGroup {
  /** The label's value; '' for hosts without the label (and for "no grouping"). */
  value: string;
  title: string;
  tiles: HeatTile[];
  /** Tiles in a problem state (hatched). */
  problems: number;
  /** Average of the chosen metric over the tiles that have a figure; undefined if none has. */
  average: number | undefined;
  /** How many tiles the average is over. */
  measured: number;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The label keys the hosts carry, zone and rack first (what admins group by), then the rest. */
export function labelKeys(hosts: readonly Host[]): string[] {
  const keys = new Set<string>();
  for (const host of hosts) for (const key of Object.keys(host.config.labels)) keys.add(key);
  const first = ['zone', 'rack'].filter((k) => keys.has(k));
  const rest = [...keys].filter((k) => !first.includes(k)).sort(byName.compare);
  return [...first, ...rest];
}

/**
 * Tiles grouped by one label's value, groups and tiles in natural order (zone-2 before zone-10),
 * hosts without the label in a last group of their own. A null key makes one group of all.
 */
export function groupTiles(tiles: readonly HeatTile[], labelKey: string | null): HeatGroup[] {
  const groups = new Map<string, HeatTile[]>();
  for (const tile of tiles) {
    const value = labelKey === null ? '' : (tile.labels[labelKey] ?? '');
    const list = groups.get(value);
    if (list) list.push(tile);
    else groups.set(value, [tile]);
  }
  const values = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : byName.compare(a, b),
  );
  return values.map((value) => {
    const members = (groups.get(value) ?? []).sort((a, b) => byName.compare(a.name, b.name));
    let sum = 0;
    let measured = 0;
    let problems = 0;
    for (const tile of members) {
      if (tile.problem) problems++;
      if (tile.percent !== undefined) {
        sum += tile.percent;
        measured++;
      }
    }
    return {
      value,
      title: labelKey === null ? 'All hosts' : value === '' ? `No ${labelKey}` : value,
      tiles: members,
      problems,
      average: measured > 0 ? sum / measured : undefined,
      measured,
    };
  });
}
