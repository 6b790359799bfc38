import { create } from 'zustand';
import { readPref, writePref } from '../../app/window-prefs';
import type { SortBy } from './table-view';

export type TableKind = 'hosts' | 'vms';

/** One table's choices: the sort, the grouping, the column widths (px by column id). */
export interface TablePrefs {
  sort: SortBy;
  /** A label key, or 'service' / 'host' for VMs; null: no grouping. */
  groupBy: string | null;
  widths: Readonly<Record<string, number>>;
}

const DEFAULTS: Record<TableKind, TablePrefs> = {
  // Hosts in trouble first: what an admin opens a table of 1,000 hosts for.
  hosts: { sort: { column: 'state', dir: 'asc' }, groupBy: null, widths: {} },
  vms: { sort: { column: 'state', dir: 'asc' }, groupBy: null, widths: {} },
};

export const MIN_COLUMN_PX = 48;
export const MAX_COLUMN_PX = 900;

const key = (kind: TableKind) => `federator.table.${kind}`;
const anyText = (_v: string): _v is string => true;

/** Reads what the window kept, keeping only the parts that still make sense. */
export function parsePrefs(text: string, fallback: TablePrefs): TablePrefs {
  try {
    const raw = JSON.parse(text) as Partial<Record<keyof TablePrefs, unknown>>;
    const sort = raw.sort as Partial<SortBy> | undefined;
    const widths: Record<string, number> = {};
    if (raw.widths && typeof raw.widths === 'object') {
      for (const [id, px] of Object.entries(raw.widths as Record<string, unknown>)) {
        if (typeof px === 'number' && px >= MIN_COLUMN_PX && px <= MAX_COLUMN_PX) widths[id] = px;
      }
    }
    return {
      sort:
        typeof sort?.column === 'string' && (sort.dir === 'asc' || sort.dir === 'desc')
          ? { column: sort.column, dir: sort.dir }
          : fallback.sort,
      groupBy: typeof raw.groupBy === 'string' && raw.groupBy !== '' ? raw.groupBy : null,
      widths,
    };
  } catch {
    return fallback; // not JSON (an older or damaged value): the defaults
  }
}

function load(kind: TableKind): TablePrefs {
  const text = readPref(key(kind), anyText, '');
  return text === '' ? DEFAULTS[kind] : parsePrefs(text, DEFAULTS[kind]);
}

interface TableState {
  prefs: Record<TableKind, TablePrefs>;
  /** Group values folded away, per table: for this window's life only. */
  collapsed: Record<TableKind, ReadonlySet<string>>;
  update: (kind: TableKind, change: Partial<TablePrefs>) => void;
  toggleGroup: (kind: TableKind, value: string) => void;
  setCollapsed: (kind: TableKind, values: ReadonlySet<string>) => void;
}

/** The tables' choices, kept by the window across restarts as the main view is. */
export const useTableStore = create<TableState>()((set) => ({
  prefs: { hosts: load('hosts'), vms: load('vms') },
  collapsed: { hosts: new Set(), vms: new Set() },
  update: (kind, change) =>
    set((s) => {
      const next = { ...s.prefs[kind], ...change };
      writePref(key(kind), JSON.stringify(next));
      const collapsed =
        change.groupBy !== undefined ? { ...s.collapsed, [kind]: new Set() } : s.collapsed;
      return { prefs: { ...s.prefs, [kind]: next }, collapsed };
    }),
  toggleGroup: (kind, value) =>
    set((s) => {
      const next = new Set(s.collapsed[kind]);
      if (next.has(value)) next.delete(value);
      else next.add(value);
      return { collapsed: { ...s.collapsed, [kind]: next } };
    }),
  setCollapsed: (kind, values) => set((s) => ({ collapsed: { ...s.collapsed, [kind]: values } })),
}));
