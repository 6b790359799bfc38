import { formatMemory } from '../../../shared/words';
import { elapsedWords } from '../../../shared/words/elapsed-words';
import { BarCell, cpuColumn, percentText, StateCell, TextCell } from './cells';
import type { Column } from './column';
import type { HostRow } from './table-rows';

const ratio = (used: number, capacity: number) => (capacity > 0 ? used / capacity : undefined);

/** The host table's columns, in order. Widths are where they start; the admin drags them. */
export const HOST_COLUMNS: readonly Column<HostRow>[] = [
  {
    id: 'name',
    title: 'Host',
    help: 'The host’s name, its address in the tooltip',
    width: 160,
    sortKey: (r) => r.host.config.name,
    cell: (r) => (
      <span className="table-name" title={`${r.host.config.name} (${r.host.config.address})`}>
        {r.host.config.name}
      </span>
    ),
  },
  {
    id: 'state',
    title: 'State',
    help: 'The link’s state: the worst first when sorted',
    width: 170,
    sortKey: (r) => r.stateRank,
    cell: (r) => <StateCell tone={r.view.tone} label={r.view.label} />,
  },
  {
    id: 'problem',
    title: 'Problem',
    help: 'What is wrong: the host’s trouble in its own words, or its crashed VMs',
    width: 220,
    sortKey: (r) => r.problem,
    cell: (r) => <TextCell text={r.problem} tone={r.view.trouble ? r.view.tone : 'danger'} />,
  },
  {
    id: 'vms',
    title: 'VMs',
    help: 'VMs running, of all the VMs defined on the host',
    width: 70,
    numeric: true,
    sortKey: (r) => r.vmCount,
    cell: (r) => `${r.running}/${r.vmCount}`,
  },
  cpuColumn<HostRow>(
    'CPU used, of all cores, from the latest sample',
    'no sample',
    (r) => `CPU used of ${r.cpuCapacity} cores`,
  ),
  {
    id: 'memory',
    title: 'Memory',
    help: 'Memory in use on the host (guests included), of its RAM, from the latest sample',
    width: 150,
    numeric: true,
    sortKey: (r) => r.memPercent,
    cell: (r) => (
      <BarCell
        fraction={r.memPercent === undefined ? undefined : r.memPercent / 100}
        text={
          r.memUsedMiB === undefined
            ? 'no sample'
            : `${formatMemory(r.memUsedMiB)} of ${formatMemory(r.memCapacityMiB)}`
        }
        title={r.memPercent === undefined ? 'No sample yet' : `${percentText(r.memPercent)} used`}
      />
    ),
  },
  {
    id: 'vcpus',
    title: 'vCPUs alloc.',
    help: 'vCPUs given to its VMs, of cores × the overcommit ratio (as the engine counts)',
    width: 110,
    numeric: true,
    sortKey: (r) => (r.vcpus ? ratio(r.vcpus.used, r.vcpus.capacity) : undefined),
    cell: (r) => (
      <BarCell
        fraction={r.vcpus ? ratio(r.vcpus.used, r.vcpus.capacity) : undefined}
        text={r.vcpus ? `${r.vcpus.used} of ${r.vcpus.capacity}` : 'not reached'}
        title="vCPUs allocated to the host’s VMs, running or not"
      />
    ),
  },
  {
    id: 'promised',
    title: 'Memory alloc.',
    help: 'Memory given to its VMs, of RAM × the overcommit ratio (as the engine counts)',
    width: 150,
    numeric: true,
    sortKey: (r) => (r.promised ? ratio(r.promised.usedMiB, r.promised.capacityMiB) : undefined),
    cell: (r) => (
      <BarCell
        fraction={r.promised ? ratio(r.promised.usedMiB, r.promised.capacityMiB) : undefined}
        text={
          r.promised
            ? `${formatMemory(r.promised.usedMiB)} of ${formatMemory(r.promised.capacityMiB)}`
            : 'not reached'
        }
        title="Memory allocated to the host’s VMs, running or not"
      />
    ),
  },
  {
    id: 'services',
    title: 'Services',
    help: 'The services its VMs belong to',
    width: 120,
    sortKey: (r) => r.services || undefined,
    cell: (r) => <TextCell text={r.services} />,
  },
  {
    id: 'labels',
    title: 'Labels',
    help: 'The host’s labels (zone, rack …), what placement rules match',
    width: 170,
    sortKey: (r) => r.labels || undefined,
    cell: (r) => <TextCell text={r.labels} />,
  },
  {
    id: 'uptime',
    title: 'Uptime',
    help: 'Since the host booted, as it last reported',
    width: 90,
    numeric: true,
    sortKey: (r) => (r.bootedAt === undefined ? undefined : -r.bootedAt),
    cell: (r) =>
      r.bootedAt === undefined ? (
        <span className="muted">—</span>
      ) : (
        elapsedWords(Date.now() - r.bootedAt)
      ),
  },
];
