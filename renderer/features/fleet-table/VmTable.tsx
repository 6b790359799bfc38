import { useMemo, useState, type PointerEvent } from 'react';
import type { VmId } from '../../../shared/domain';
import { useServices } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { labelKeys } from '../heatmap/heat-groups';
import type { VisibleFleet } from '../topology/use-visible-fleet';
import { FleetTable, type TableSpec } from './FleetTable';
import { vmRows, type VmRow } from './table-rows';
import type { TableSelection } from './table-selection';
import { useRowInput } from './use-row-input';
import { vmColumns } from './vm-columns';

/**
 * Every VM of the hosts shown as one row. The VMs picked here are the console's picked VMs (the
 * ones a drag or "Move to…" carries); grouped by host, each group's header is the host and takes
 * the VMs dragged onto it, as a host card does.
 */
export function VmTable(props: {
  visible: VisibleFleet;
  onPointerDown: (event: PointerEvent) => void;
}) {
  // The VMs the search lists, not every VM of the hosts it shows ("worker" lists the workers).
  const { visible, input } = useRowInput(props.visible);
  const { hosts, listedVmsOf } = visible;
  const { data: catalog } = useServices();
  const select = useUiStore((s) => s.select);
  const picked = useUiStore((s) => s.vmSelection);
  const selectedVm = useUiStore((s) => (s.selection?.kind === 'vm' ? s.selection.vmId : null));
  const setVmSelection = useUiStore((s) => s.setVmSelection);
  const [anchor, setAnchor] = useState<string | null>(null);
  const rows = useMemo(() => vmRows(hosts, listedVmsOf, input), [hosts, listedVmsOf, input]);
  const keys = useMemo(() => labelKeys(hosts), [hosts]);
  const hostName = useMemo(
    () => new Map<string, string>(hosts.map((h) => [h.config.id, h.config.name])),
    [hosts],
  );
  const serviceName = useMemo(() => {
    const names = new Map<string, string>(
      catalog?.services.map((b) => [b.service.id, b.service.name]),
    );
    return (id: string) => names.get(id) ?? id;
  }, [catalog]);
  const columns = useMemo(() => vmColumns(serviceName), [serviceName]);
  const spec = useMemo(
    (): TableSpec<VmRow> => ({
      kind: 'vms',
      label: 'VMs',
      columns,
      nameOf: (r) => r.vm.name,
      groupings: [
        { value: 'host', label: 'host' },
        { value: 'service', label: 'service' },
        ...keys.map((key) => ({ value: key, label: key })),
      ],
      groupValue: (r, by) =>
        by === 'host'
          ? r.hostId
          : by === 'service'
            ? (r.vm.service ?? '')
            : (r.host?.config.labels[by] ?? ''),
      groupTitle: (by, value) =>
        by === 'host'
          ? (hostName.get(value) ?? value)
          : value === ''
            ? `No ${by}`
            : by === 'service'
              ? serviceName(value)
              : `${by}=${value}`,
      groupHost: (by, value) => (by === 'host' ? value : undefined),
      rowTestId: 'vm-row',
      dragVm: (r) => r.id,
      open: (r) => select({ kind: 'vm', hostId: r.vm.hostId, vmId: r.vm.id }),
      pickGroup: (members) => setVmSelection(members.map((r) => r.vm.id)),
    }),
    [columns, keys, hostName, serviceName, select, setVmSelection],
  );
  // One truth for what is picked: the console's; a single VM is the one selected.
  const selection: TableSelection = useMemo(
    () => ({ ids: picked.length > 0 ? picked : selectedVm ? [selectedVm] : [], anchor }),
    [picked, selectedVm, anchor],
  );
  return (
    <FleetTable
      spec={spec}
      rows={rows}
      selection={selection}
      onSelection={(next) => {
        setAnchor(next.anchor);
        setVmSelection(next.ids.length > 1 ? (next.ids as VmId[]) : []);
      }}
      onPointerDown={props.onPointerDown}
    />
  );
}
