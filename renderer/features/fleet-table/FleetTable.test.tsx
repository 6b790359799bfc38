// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HostId } from '../../../shared/domain/ids';
import type { Column } from './column';
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

describe('FleetTable', () => {
  it('a render of the table (a scroll frame) draws no row again whose props did not change', () => {
    const cell = vi.fn((r: Row) => r.name);
    const columns: Column<Row>[] = [
      { id: 'name', title: 'Host', help: 'name', width: 100, sortKey: (r) => r.name, cell },
    ];
    const spec: TableSpec<Row> = {
      kind: 'hosts',
      label: 'Hosts',
      columns,
      nameOf: (r) => r.name,
      groupings: [],
      groupValue: () => '',
      groupTitle: () => '',
      rowTestId: 'host-row',
      open: () => undefined,
    };
    const onSelection = () => undefined;
    const onPointerDown = () => undefined;
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
});
