import type { RowFigures } from './table-rows';

const byText = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export type SortDir = 'asc' | 'desc';
export interface SortBy {
  column: string;
  dir: SortDir;
}

/** A column's sort key: a number, a text, or undefined (no figure yet), which sorts last. */
export type SortKey = number | string | undefined;

/**
 * Rows by one column, ties by name; rows without a figure last whichever the direction (a
 * host not sampled yet is not "the least loaded").
 */
export function sortRows<R>(
  rows: readonly R[],
  key: (row: R) => SortKey,
  dir: SortDir,
  name: (row: R) => string,
): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, k: key(row), n: name(row) }));
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) {
      if (a.k !== b.k) return a.k === undefined ? 1 : -1;
    } else if (a.k !== b.k) {
      const c =
        typeof a.k === 'number' && typeof b.k === 'number'
          ? a.k - b.k
          : byText.compare(String(a.k), String(b.k));
      if (c !== 0) return sign * c;
    }
    return byText.compare(a.n, b.n);
  });
  return keyed.map((k) => k.row);
}

/** The sums a group header shows: hosts, VMs, and CPU and memory used against capacity. */
export interface GroupTotals {
  hosts: number;
  vms: number;
  /** Rows in trouble (a host down, a VM crashed). */
  trouble: number;
  cpuUsed: number;
  cpuCapacity: number;
  /** How many rows had a CPU figure (the used sum is over these). */
  cpuMeasured: number;
  memUsedMiB: number;
  memCapacityMiB: number;
  memMeasured: number;
}

export interface Group<R> {
  /** The value grouped on; '' for rows without it. */
  value: string;
  title: string;
  rows: R[];
  totals: GroupTotals;
}

export function totalsOf(rows: readonly RowFigures[]): GroupTotals {
  const hosts = new Set<string>();
  const t: GroupTotals = {
    hosts: 0,
    vms: 0,
    trouble: 0,
    cpuUsed: 0,
    cpuCapacity: 0,
    cpuMeasured: 0,
    memUsedMiB: 0,
    memCapacityMiB: 0,
    memMeasured: 0,
  };
  for (const row of rows) {
    hosts.add(row.hostId);
    t.vms += row.vmCount;
    if (row.trouble) t.trouble++;
    t.cpuCapacity += row.cpuCapacity;
    t.memCapacityMiB += row.memCapacityMiB;
    if (row.cpuUsed !== undefined) {
      t.cpuUsed += row.cpuUsed;
      t.cpuMeasured++;
    }
    if (row.memUsedMiB !== undefined) {
      t.memUsedMiB += row.memUsedMiB;
      t.memMeasured++;
    }
  }
  t.hosts = hosts.size;
  return t;
}

/**
 * Rows (already sorted) grouped by a value, in natural order (zone-2 before zone-10), rows without
 * the value in a last group; each group keeps the rows' order.
 */
export function groupRows<R extends RowFigures>(
  rows: readonly R[],
  valueOf: (row: R) => string,
  titleOf: (value: string) => string,
): Group<R>[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const value = valueOf(row);
    const list = groups.get(value);
    if (list) list.push(row);
    else groups.set(value, [row]);
  }
  const values = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : byText.compare(titleOf(a), titleOf(b)),
  );
  return values.map((value) => {
    const members = groups.get(value) ?? [];
    return { value, title: titleOf(value), rows: members, totals: totalsOf(members) };
  });
}

/** One line of the table: a group's header or a row. */
export type Line<R> = { kind: 'group'; group: Group<R>; open: boolean } | { kind: 'row'; row: R };

/** The lines drawn: each group's header, then its rows unless it is collapsed. */
export function flattenGroups<R>(
  groups: readonly Group<R>[],
  collapsed: ReadonlySet<string>,
): Line<R>[] {
  const lines: Line<R>[] = [];
  for (const group of groups) {
    const open = !collapsed.has(group.value);
    lines.push({ kind: 'group', group, open });
    if (open) for (const row of group.rows) lines.push({ kind: 'row', row });
  }
  return lines;
}
