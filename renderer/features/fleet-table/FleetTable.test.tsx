// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostId } from '../../../shared/domain/ids';
import { SCROLL_SETTLE_MS } from '../../ui/use-is-scrolling';
import { useDragStore } from '../move/drag-store';
import { FleetTable, type TableSpec } from './FleetTable';
import type { RowFigures } from './table-rows';
import { NO_SELECTION } from './table-selection';

type Row = RowFigures & { id: string; name: string };

const rows: Row[] = Array.from({ length: 30 }, (_, i) => ({
  id: `r${i}`,
  name: `host-${String(i).padStart(2, '0')}`,
  hostId: HostId.parse(`h${i}`),
  vmCount: 1,
  trouble: false,
  cpuUsed: undefined,
  cpuCapacity: 4,
  memUsedMiB: undefined,
  memCapacityMiB: 1024,
}));

const specOf = (cell: (r: Row) => string): TableSpec<Row> => ({
  kind: 'hosts',
  label: 'Hosts',
  columns: [{ id: 'name', title: 'Host', help: 'name', width: 100, sortKey: (r) => r.name, cell }],
  nameOf: (r) => r.name,
  groupings: [],
  groupValue: () => '',
  groupTitle: () => '',
  rowTestId: 'host-row',
  open: () => undefined,
});
const onSelection = () => undefined;
const onPointerDown = () => undefined;

describe('FleetTable', () => {
  afterEach(() => {
    vi.useRealTimers();
    useDragStore.setState({ drag: null });
  });

  it('a render of the table (a scroll frame) draws no row again whose props did not change', () => {
    const cell = vi.fn((r: Row) => r.name);
    const spec = specOf(cell);
    const table = () => (
      <FleetTable
        spec={spec}
        rows={rows}
        selection={NO_SELECTION}
        onSelection={onSelection}
        onPointerDown={onPointerDown}
      />
    );
    const view = render(table());
    expect(view.getAllByTestId('host-row')).toHaveLength(30);
    const drawn = cell.mock.calls.length;
    view.rerender(table());
    view.rerender(table());
    expect(cell.mock.calls.length).toBe(drawn);
  });

  it('while the page scrolls its rows take no pointer (no hover), except during a drag', () => {
    vi.useFakeTimers();
    const view = render(
      <FleetTable
        spec={specOf((r) => r.name)}
        rows={rows}
        selection={NO_SELECTION}
        onSelection={onSelection}
        onPointerDown={onPointerDown}
      />,
    );
    const body = view.container.querySelector('.table-body')!;
    const scroll = () => act(() => void document.body.dispatchEvent(new Event('scroll')));
    expect(body.classList.contains('is-scrolling')).toBe(false);
    scroll();
    expect(body.classList.contains('is-scrolling')).toBe(true);
    act(() => {
      vi.advanceTimersByTime(SCROLL_SETTLE_MS + 10);
    });
    expect(body.classList.contains('is-scrolling')).toBe(false);
    // A drag finds the host row under the pointer by hit-testing while it auto-scrolls.
    act(() =>
      useDragStore.setState({
        drag: { vmIds: ['v'], label: 'v', carried: new Set(['v']), verdicts: new Map() },
      }),
    );
    scroll();
    expect(body.classList.contains('is-scrolling')).toBe(false);
  });
});
