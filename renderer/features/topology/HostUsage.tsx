import type { Host, Vm } from '../../../shared/domain';
import { cpuRoom, memoryRoom } from '../../../shared/placement-input/host-room';
import { cpuRoomWords } from '../../../shared/words/room-words';
import { formatMemory } from '../../../shared/words';
import { useSettings } from '../../api/queries';
import { useApplicationWeights } from './application-weights';
import { useHostSample } from '../../api/metrics-queries';
import { Meter } from './Meter';

/**
 * A host's utilisation on its card: CPU and memory used (from the latest sample), then what its
 * VMs were promised against what the engine lets it hold, with the overcommit ratios behind it.
 */
export function HostUsage(props: { host: Host; vms: readonly Vm[] }) {
  const { host, vms } = props;
  const sample = useHostSample(host.config.id);
  const { data: settings } = useSettings();
  const apps = useApplicationWeights();
  if (!host.facts) return null;
  const usage = sample?.host;
  const totalMiB = usage?.memoryTotalMiB ?? host.facts.value.memoryMiB;
  const when = sample ? `sampled at ${new Date(sample.at).toLocaleTimeString()}` : 'no sample yet';
  const cpu = settings ? cpuRoom(host, vms, apps.vcpus, settings) : undefined;
  const memory = settings ? memoryRoom(host, vms, apps.memory, settings) : undefined;
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  return (
    <div className="host-usage" data-testid="host-usage">
      <Meter
        label="CPU"
        fraction={usage?.cpu === undefined ? undefined : usage.cpu / 100}
        text={usage?.cpu === undefined ? '…' : `${usage.cpu.toFixed(0)} %`}
        title={`CPU used, all ${host.facts.value.cpu.cores} cores (${when})`}
        testId="usage-cpu"
      />
      <Meter
        label="Memory"
        fraction={usage?.memory === undefined ? undefined : usage.memory / totalMiB}
        text={
          usage?.memory === undefined
            ? '…'
            : `${formatMemory(usage.memory)} of ${formatMemory(totalMiB)}`
        }
        title={`Memory in use on the host, guests included (${when})`}
        testId="usage-memory"
      />
      {cpu && (
        <Meter
          label="vCPUs"
          fraction={cpu.used / cpu.capacity}
          text={cpuRoomWords(cpu).text}
          title={cpuRoomWords(cpu).why}
          testId="alloc-vcpus"
          textTestId="cpu-room"
        />
      )}
      {memory && (
        <Meter
          label="Promised"
          fraction={memory.capacityMiB > 0 ? memory.usedMiB / memory.capacityMiB : undefined}
          text={`${formatMemory(memory.usedMiB)} of ${formatMemory(memory.capacityMiB)} · ${formatMemory(memory.totalMiB)} × ${n(memory.ratio)} overcommit`}
          title={`Memory its VMs were given (running or not), against ${formatMemory(memory.totalMiB)} × ${n(memory.ratio)} (${memory.ownRatio ? "this host's own ratio" : "the fleet's ratio (Settings)"})`}
          testId="alloc-memory"
        />
      )}
    </div>
  );
}
