import { useMemo, useState, type PointerEvent } from 'react';
import { useUiStore } from '../../app/ui-store';
import { labelKeys } from '../heatmap/heat-groups';
import type { VisibleFleet } from '../topology/use-visible-fleet';
import { FleetTable, type TableSpec } from './FleetTable';
import { HOST_COLUMNS } from './host-columns';
import { hostRow, type HostRow } from './table-rows';
import { NO_SELECTION, type TableSelection } from './table-selection';
import { useRowInput } from './use-row-input';

/** Every host shown as one row: sort, group by a label, pick several; a row takes dropped VMs. */
export function HostTable(props: {
  visible: VisibleFleet;
  onPointerDown: (event: PointerEvent) => void;
}) {
  const { visible, input } = useRowInput(props.visible);
  const { hosts, vmsOf } = visible;
  const select = useUiStore((s) => s.select);
  const [selection, setSelection] = useState<TableSelection>(NO_SELECTION);
  const rows = useMemo(
    () => hosts.map((host) => hostRow(host, vmsOf(host.config.id), input)),
    [hosts, vmsOf, input],
  );
  const keys = useMemo(() => labelKeys(hosts), [hosts]);
  const spec = useMemo(
    (): TableSpec<HostRow> => ({
      kind: 'hosts',
      label: 'Hosts',
      columns: HOST_COLUMNS,
      nameOf: (r) => r.host.config.name,
      groupings: keys.map((key) => ({ value: key, label: key })),
      groupValue: (r, key) => r.host.config.labels[key] ?? '',
      groupTitle: (key, value) => (value === '' ? `No ${key}` : `${key}=${value}`),
      rowTestId: 'host-row',
      dropHost: (r) => r.id,
      open: (r) => select({ kind: 'host', hostId: r.host.config.id }),
    }),
    [keys, select],
  );
  return (
    <FleetTable
      spec={spec}
      rows={rows}
      selection={selection}
      onSelection={setSelection}
      onPointerDown={props.onPointerDown}
    />
  );
}
