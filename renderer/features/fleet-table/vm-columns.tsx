import type { VmState } from '../../../shared/domain';
import { formatMemory } from '../../../shared/words';
import { vmStateView } from '../topology/state-view';
import { BarCell, cpuColumn, StateCell, TextCell } from './cells';
import type { Column } from './column';
import type { VmRow } from './table-rows';

/** Sorting by state: what needs a look first, running last. */
const VM_STATE_ORDER: readonly VmState[] = [
  'crashed',
  'blocked',
  'unknown',
  'paused',
  'suspended',
  'shutting-down',
  'shutoff',
  'running',
];

/** The VM table's columns, in order. */
export function vmColumns(serviceName: (id: string) => string): Column<VmRow>[] {
  return [
    {
      id: 'name',
      title: 'VM',
      help: 'The VM’s name (its libvirt domain)',
      width: 170,
      sortKey: (r) => r.vm.name,
      cell: (r) => (
        <span className="table-name" title={r.vm.name}>
          {r.vm.name}
        </span>
      ),
    },
    {
      id: 'state',
      title: 'State',
      help: 'The domain’s state: crashed first when sorted',
      width: 110,
      sortKey: (r) => VM_STATE_ORDER.indexOf(r.vm.state),
      cell: (r) => {
        const view = vmStateView(r.vm.state);
        const why = r.vm.stateReason ? `${view.label} (${r.vm.stateReason})` : view.label;
        return <StateCell tone={view.tone} label={view.label} title={why} />;
      },
    },
    {
      id: 'host',
      title: 'Host',
      help: 'The host it runs on',
      width: 120,
      sortKey: (r) => r.host?.config.name,
      cell: (r) => <TextCell text={r.host?.config.name} />,
    },
    cpuColumn<VmRow>(
      'CPU used, of its own vCPUs, from the latest sample',
      '—',
      (r) => `CPU used of its ${r.vm.vcpus} vCPUs`,
    ),
    {
      id: 'memory',
      title: 'Memory',
      help: 'Memory the guest uses, of what it was given, from the latest sample',
      width: 150,
      numeric: true,
      sortKey: (r) => r.memUsedMiB,
      cell: (r) => (
        <BarCell
          fraction={
            r.memUsedMiB === undefined || r.memCapacityMiB <= 0
              ? undefined
              : r.memUsedMiB / r.memCapacityMiB
          }
          text={
            r.memUsedMiB === undefined
              ? '—'
              : `${formatMemory(r.memUsedMiB)} of ${formatMemory(r.memCapacityMiB)}`
          }
          title="Memory the guest uses (none while it is off)"
        />
      ),
    },
    {
      id: 'vcpus',
      title: 'vCPUs',
      help: 'vCPUs allocated to the VM',
      width: 70,
      numeric: true,
      sortKey: (r) => r.vm.vcpus,
      cell: (r) => String(r.vm.vcpus),
    },
    {
      id: 'allocated',
      title: 'Memory alloc.',
      help: 'Memory allocated to the VM',
      width: 125,
      numeric: true,
      sortKey: (r) => r.vm.memoryMiB,
      cell: (r) => formatMemory(r.vm.memoryMiB),
    },
    {
      id: 'service',
      title: 'Service',
      help: 'The service and application it is a replica of',
      width: 150,
      sortKey: (r) => (r.vm.service ? serviceName(r.vm.service) : undefined),
      cell: (r) => (
        <TextCell
          text={
            r.vm.service
              ? `${serviceName(r.vm.service)}${r.vm.application ? ` / ${r.vm.application}` : ''}`
              : r.vm.application
          }
        />
      ),
    },
    {
      id: 'labels',
      title: 'Host labels',
      help: 'The labels of its host (zone, rack …)',
      width: 170,
      sortKey: (r) => r.labels || undefined,
      cell: (r) => <TextCell text={r.labels} />,
    },
  ];
}
