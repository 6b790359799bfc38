import {
  memo,
  useCallback,
  useMemo,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { plural } from '../../../shared/words';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import type { Column } from './column';
import { GroupLine, TableRow } from './TableLines';
import { columnTemplate, TableHeader } from './TableHeader';
import { useStickyTop } from './use-sticky-top';
import { clickSelection, type TableSelection } from './table-selection';
import { useTableStore, type TableKind } from './table-store';
import { flattenGroups, groupRows, sortRows, type Line } from './table-view';
import type { RowFigures } from './table-rows';
import './fleet-table.css';

/** A row's height (one line of text and padding): rows are not measured, they are all this tall. */
export const ROW_PX = 30;
const PAGE_LINES = 20;

/** What a table of hosts or of VMs says about its rows; the table does the rest. */
export interface TableSpec<R extends RowFigures & { id: string }> {
  kind: TableKind;
  /** The grid's accessible name. */
  label: string;
  columns: readonly Column<R>[];
  nameOf: (row: R) => string;
  /** What the rows may be grouped by: a value for the store and its words in the menu. */
  groupings: readonly { value: string; label: string }[];
  groupValue: (row: R, groupBy: string) => string;
  groupTitle: (groupBy: string, value: string) => string;
  /** The host a group stands for (VMs grouped by host): its header takes dropped VMs. */
  groupHost?: (groupBy: string, value: string) => string | undefined;
  rowTestId: string;
  /** The host a row stands for, when VMs may be dropped on it. */
  dropHost?: (row: R) => string;
  /** The VM a row stands for, when it may be dragged onto a host. */
  dragVm?: (row: R) => string;
  /** A plain click or Enter: the row's details. */
  open: (row: R) => void;
  /** Picks every row of a group (its header's "Select" button), for the actions on a selection. */
  pickGroup?: (rows: readonly R[]) => void;
}

/**
 * A sortable, groupable table of the fleet, drawn like the card grid: only the lines in view (and a
 * few each way) are in the page, so 10,000 VMs are a few hundred nodes. Every row is ROW_PX tall,
 * so nothing needs measuring. Multi-select by click, Shift and Ctrl; the arrows, Home/End and
 * Page Up/Down move, Space picks, Enter opens a row's details or folds a group.
 */
export function FleetTable<R extends RowFigures & { id: string }>(props: {
  spec: TableSpec<R>;
  rows: readonly R[];
  selection: TableSelection;
  onSelection: (next: TableSelection) => void;
  onPointerDown: (event: PointerEvent) => void;
}) {
  const { spec, rows, selection, onSelection, onPointerDown } = props;
  const { pickGroup } = spec;
  const { kind, columns } = spec;
  const prefs = useTableStore((s) => s.prefs[kind]);
  const collapsed = useTableStore((s) => s.collapsed[kind]);
  const update = useTableStore((s) => s.update);
  const toggleGroup = useTableStore((s) => s.toggleGroup);
  const [active, setActive] = useState<string | null>(null);
  const stickyRef = useStickyTop<HTMLDivElement>();

  const groupBy =
    prefs.groupBy !== null && spec.groupings.some((g) => g.value === prefs.groupBy)
      ? prefs.groupBy
      : null;
  const sortColumn = columns.find((c) => c.id === prefs.sort.column) ?? columns[0];
  const sorted = useMemo(
    () =>
      sortColumn ? sortRows(rows, sortColumn.sortKey, prefs.sort.dir, spec.nameOf) : [...rows],
    [rows, sortColumn, prefs.sort.dir, spec.nameOf],
  );
  const lines: Line<R>[] = useMemo(() => {
    if (groupBy === null) return sorted.map((row) => ({ kind: 'row', row }));
    const groups = groupRows(
      sorted,
      (row) => spec.groupValue(row, groupBy),
      (value) => spec.groupTitle(groupBy, value),
    );
    return flattenGroups(groups, collapsed);
  }, [sorted, groupBy, collapsed, spec]);
  const indexOf = useMemo(() => new Map(lines.map((l, i) => [lineId(l), i])), [lines]);
  const order = useMemo(() => lines.flatMap((l) => (l.kind === 'row' ? [l.row.id] : [])), [lines]);
  const activeIndex = active === null ? -1 : (indexOf.get(active) ?? -1);

  const { listRef, mode, virtualizer } = useVirtualRows<HTMLDivElement>({
    layout: () => ({ count: lines.length, pinned: [activeIndex] }),
    estimateSize: ROW_PX,
    overscan: 10,
  });
  const widths = columns.map((c) => prefs.widths[c.id] ?? c.width);
  const template = columnTemplate(widths);
  const picked = useMemo(() => new Set(selection.ids), [selection.ids]);

  const goTo = (index: number, extend: boolean) => {
    const line = lines[Math.max(0, Math.min(lines.length - 1, index))];
    if (!line) return;
    const id = lineId(line);
    setActive(id);
    if (mode === 'virtual') virtualizer.scrollToIndex(indexOf.get(id) ?? 0, { align: 'auto' });
    if (line.kind === 'row') {
      onSelection(clickSelection(selection, id, order, { shift: extend, ctrl: false }));
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const line = lines[activeIndex];
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: PAGE_LINES,
      PageUp: -PAGE_LINES,
    };
    if (event.key in step) goTo(activeIndex + (step[event.key] ?? 0), event.shiftKey);
    else if (event.key === 'Home') goTo(0, event.shiftKey);
    else if (event.key === 'End') goTo(lines.length - 1, event.shiftKey);
    else if (event.key === 'Enter' && line?.kind === 'row') spec.open(line.row);
    else if (event.key === 'Enter' && line?.kind === 'group') toggleGroup(kind, line.group.value);
    else if (event.key === ' ' && line?.kind === 'row') {
      onSelection(clickSelection(selection, line.row.id, order, { shift: false, ctrl: true }));
    } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
      onSelection({ ids: order, anchor: order[0] ?? null });
    } else return;
    event.preventDefault();
  };
  // The same function while the table scrolls: a new one each render would draw every row in view
  // again on every scroll frame (TableRow is memoised on its props).
  const onRowClick = useCallback(
    (event: MouseEvent, row: R) => {
      setActive(row.id);
      const ctrl = event.ctrlKey || event.metaKey;
      onSelection(clickSelection(selection, row.id, order, { shift: event.shiftKey, ctrl }));
      spec.open(row);
    },
    [onSelection, selection, order, spec],
  );

  const drawn =
    mode === 'virtual'
      ? virtualizer.getVirtualItems().map((item) => ({
          index: item.index,
          top: item.start - virtualizer.options.scrollMargin,
        }))
      : mode === 'all'
        ? lines.map((_, index) => ({ index, top: index * ROW_PX }))
        : [];
  const activeLine = lines[activeIndex];
  return (
    <div
      className="fleet-table"
      role="grid"
      aria-label={spec.label}
      aria-rowcount={lines.length + 1}
      aria-multiselectable="true"
      data-testid={`${kind === 'hosts' ? 'host' : 'vm'}-table`}
      style={{ '--table-cols': template } as React.CSSProperties}
    >
      <div ref={stickyRef} className="table-sticky">
        <TableToolbarSlot spec={spec} groupBy={groupBy} lines={lines} count={rows.length} />
        <TableHeader
          columns={columns}
          widths={widths}
          sort={prefs.sort}
          onSort={(sort) => update(kind, { sort })}
          onResize={(id, px) => update(kind, { widths: { ...prefs.widths, [id]: px } })}
        />
      </div>
      <div
        ref={listRef}
        className="table-body"
        tabIndex={0}
        aria-activedescendant={activeLine ? domId(kind, lineId(activeLine)) : undefined}
        style={{ height: lines.length * ROW_PX }}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
      >
        {drawn.map(({ index, top }) => {
          const line = lines[index];
          if (!line) return null;
          const id = lineId(line);
          return line.kind === 'group' ? (
            <GroupLine
              key={id}
              domId={domId(kind, id)}
              group={line.group}
              open={line.open}
              top={top}
              active={active === id}
              dropHost={groupBy === null ? undefined : spec.groupHost?.(groupBy, line.group.value)}
              cpuUnit={kind === 'hosts' ? 'cores' : 'vCPUs'}
              onPick={pickGroup && (() => pickGroup(line.group.rows))}
              onToggle={() => {
                setActive(id);
                toggleGroup(kind, line.group.value);
              }}
            />
          ) : (
            <TableRow
              key={id}
              domId={domId(kind, id)}
              row={line.row}
              columns={columns}
              top={top}
              testId={spec.rowTestId}
              selected={picked.has(id)}
              active={active === id}
              dropHost={spec.dropHost?.(line.row)}
              dragVm={spec.dragVm?.(line.row)}
              onClick={onRowClick}
            />
          );
        })}
      </div>
    </div>
  );
}

function lineId<R extends { id: string }>(line: Line<R>): string {
  return line.kind === 'row' ? line.row.id : `group:${line.group.value}`;
}

const domId = (kind: TableKind, id: string) => `${kind}-line-${id.replace(/[^\w-]/g, '_')}`;

/**
 * The grouping menu and the fold-all button, above the header. Memoised: the table renders on every
 * scroll frame, and finding the groups walks every line (9,604 in the big demo's VM table).
 */
const TableToolbarSlot = memo(function TableToolbarSlot<
  R extends RowFigures & { id: string },
>(props: { spec: TableSpec<R>; groupBy: string | null; lines: readonly Line<R>[]; count: number }) {
  const { spec, groupBy, lines, count } = props;
  const update = useTableStore((s) => s.update);
  const setCollapsed = useTableStore((s) => s.setCollapsed);
  const groups = lines.flatMap((l) => (l.kind === 'group' ? [l] : []));
  const allClosed = groups.length > 0 && groups.every((g) => !g.open);
  return (
    <div className="table-toolbar">
      <label className="table-choice">
        Group by
        <select
          value={groupBy ?? ''}
          onChange={(e) => update(spec.kind, { groupBy: e.target.value || null })}
          data-testid="table-group-by"
        >
          <option value="">None</option>
          {spec.groupings.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      {groups.length > 0 && (
        <button
          type="button"
          className="table-fold"
          data-testid="table-fold-all"
          onClick={() =>
            setCollapsed(spec.kind, new Set(allClosed ? [] : groups.map((g) => g.group.value)))
          }
        >
          {allClosed ? 'Open all groups' : 'Fold all groups'}
        </button>
      )}
      <span className="table-count muted">
        {groups.length > 0 ? `${groups.length} groups · ` : ''}
        {plural(count, spec.kind === 'hosts' ? 'host' : 'VM')}
      </span>
    </div>
  );
}) as <R extends RowFigures & { id: string }>(props: {
  spec: TableSpec<R>;
  groupBy: string | null;
  lines: readonly Line<R>[];
  count: number;
}) => React.ReactElement;
