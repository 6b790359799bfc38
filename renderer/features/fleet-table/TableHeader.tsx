import { useRef, type PointerEvent } from 'react';
import type { Column } from './column';
import { MAX_COLUMN_PX, MIN_COLUMN_PX } from './table-store';
import type { SortBy } from './table-view';

/**
 * The header row: a click on a title sorts by it (again: the other way); the handle on a title's
 * right edge resizes its column. While the handle is dragged only the table's CSS variable
 * changes (no row re-renders); the width is kept on release.
 */
export function TableHeader<R>(props: {
  columns: readonly Column<R>[];
  widths: readonly number[];
  sort: SortBy;
  onSort: (sort: SortBy) => void;
  onResize: (columnId: string, px: number) => void;
}) {
  const { columns, widths, sort, onSort, onResize } = props;
  const rowRef = useRef<HTMLDivElement>(null);
  const startResize = (event: PointerEvent<HTMLSpanElement>, index: number) => {
    const table = rowRef.current?.closest<HTMLElement>('.fleet-table');
    const column = columns[index];
    if (!table || !column || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const live = [...widths];
    const start = live[index] ?? column.width;
    const move = (e: globalThis.PointerEvent) => {
      live[index] = clampWidth(start + e.clientX - startX);
      table.style.setProperty('--table-cols', columnTemplate(live));
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      onResize(column.id, live[index] ?? start);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  return (
    <div ref={rowRef} className="table-head" role="row">
      {columns.map((column, index) => {
        const sorted = sort.column === column.id;
        return (
          <div
            key={column.id}
            role="columnheader"
            className={`table-head-cell${column.numeric ? ' is-numeric' : ''}`}
            aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button
              type="button"
              className="table-sort"
              title={`${column.help}. Click to sort.`}
              data-testid={`sort-${column.id}`}
              tabIndex={-1}
              onClick={() =>
                onSort({
                  column: column.id,
                  dir: sorted && sort.dir === 'asc' ? 'desc' : sorted ? 'asc' : initialDir(column),
                })
              }
            >
              {column.title}
              {sorted && <span aria-hidden="true">{sort.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
            </button>
            <span
              className="table-resize"
              aria-hidden="true"
              data-testid={`resize-${column.id}`}
              onPointerDown={(e) => startResize(e, index)}
            />
          </div>
        );
      })}
    </div>
  );
}

/** Figures sort the busiest first on the first click: that is what an admin looks for. */
const initialDir = (column: { numeric?: boolean }) => (column.numeric ? 'desc' : 'asc');

export const clampWidth = (px: number) =>
  Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px)));

export const columnTemplate = (widths: readonly number[]) => widths.map((w) => `${w}px`).join(' ');
