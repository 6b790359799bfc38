import type { HostId } from '../../../shared/domain/ids';
import { MAX_HOST_CPUS } from '../../../shared/domain/host-figures';
import type { HostUsage, VmUsage } from '../../../shared/domain/metrics';
import { isActive } from '../../../shared/domain/vm';
import type { CounterSample, HostCounters, VmCounters } from './counters';
import { counterDelta, MAX_BYTES_PER_SECOND, ratePerSecond } from './rates';

/** USER_HZ: /proc/stat counts in hundredths of a second on every Linux architecture. */
const JIFFIES_PER_SECOND = 100;

interface VmBaseline {
  hostId: HostId;
  /** The host's uptime when these counters were read: VM rates use the host's own clock. */
  uptimeSeconds: number;
  counters: VmCounters;
}

/**
 * Turns each host's counters into figures, sample after sample. Remembers the previous counters
 * of every host and VM (keyed by VM id, not name, so a VM that moves is recognised): a VM seen last
 * on another host (migrated), a host whose uptime went back (rebooted) or a counter that went down
 * (a VM restarted) starts a new baseline and gives no rate for that interval.
 */
export class UsageTracker {
  private readonly hosts = new Map<HostId, HostCounters>();
  private readonly vms = new Map<string, VmBaseline>();

  /** `idOf` maps a domain name to the VM id the console knows on that host (undefined: skip it). */
  next(
    hostId: HostId,
    sample: CounterSample,
    idOf: (name: string) => string | undefined,
  ): { host: HostUsage; vms: VmUsage[] } {
    const now = sample.host;
    const before = this.hosts.get(hostId);
    this.hosts.set(hostId, now);
    const seconds = before === undefined ? undefined : now.uptimeSeconds - before.uptimeSeconds;
    const host = hostUsage(before, now, seconds);
    const vms: VmUsage[] = [];
    for (const counters of sample.vms) {
      const vmId = idOf(counters.name);
      if (vmId === undefined) continue;
      if (!isActive(counters.state)) {
        this.vms.delete(vmId); // its next start begins from zero: no baseline to carry
        continue;
      }
      const previous = this.vms.get(vmId);
      const readAt = counters.readAtSeconds ?? now.uptimeSeconds;
      this.vms.set(vmId, { hostId, uptimeSeconds: readAt, counters });
      // Migrated in (last seen elsewhere) or the host rebooted: counters of another QEMU.
      const comparable =
        previous !== undefined && previous.hostId === hostId && readAt > previous.uptimeSeconds;
      const dt = comparable ? readAt - previous.uptimeSeconds : 0;
      vms.push({ vmId, ...vmUsage(comparable ? previous.counters : undefined, counters, dt) });
    }
    return { host, vms };
  }

  /** Forget a host (removed or disconnected); its VMs' baselines go stale on their own. */
  forgetHost(hostId: HostId): void {
    this.hosts.delete(hostId);
    for (const [vmId, baseline] of this.vms) if (baseline.hostId === hostId) this.vms.delete(vmId);
  }
}

function hostUsage(
  before: HostCounters | undefined,
  now: HostCounters,
  seconds: number | undefined,
): HostUsage {
  const usage: HostUsage = {
    memory: (now.memoryTotalKiB - Math.min(now.memoryAvailableKiB, now.memoryTotalKiB)) / 1024,
    memoryTotalMiB: now.memoryTotalKiB / 1024,
  };
  if (now.rootDisk !== undefined && now.rootDisk.sizeKiB > 0) {
    usage.rootDisk = Math.min(100, (100 * now.rootDisk.usedKiB) / now.rootDisk.sizeKiB);
  }
  if (before === undefined || seconds === undefined || !(seconds > 0)) return usage;
  const maxJiffies = MAX_HOST_CPUS * JIFFIES_PER_SECOND * seconds;
  const total = counterDelta(before.cpu.total, now.cpu.total, maxJiffies);
  const busy = counterDelta(before.cpu.busy, now.cpu.busy, maxJiffies);
  const iowait = counterDelta(before.cpu.iowait, now.cpu.iowait, maxJiffies);
  if (total !== undefined && total > 0 && busy !== undefined && busy <= total) {
    usage.cpu = (100 * busy) / total;
    if (iowait !== undefined && iowait <= total) usage.iowait = (100 * iowait) / total;
  }
  // /proc/net/dev: 32-bit counters on 32-bit kernels, hence the wrap (rates.ts).
  const rx = ratePerSecond(before.netRxBytes, now.netRxBytes, seconds, MAX_BYTES_PER_SECOND);
  const tx = ratePerSecond(before.netTxBytes, now.netTxBytes, seconds, MAX_BYTES_PER_SECOND);
  if (rx !== undefined) usage.netIn = rx;
  if (tx !== undefined) usage.netOut = tx;
  return usage;
}

function vmUsage(
  before: VmCounters | undefined,
  now: VmCounters,
  seconds: number,
): Omit<VmUsage, 'vmId'> {
  const usage: Omit<VmUsage, 'vmId'> = {};
  if (now.memoryUsedKiB !== undefined) usage.memory = now.memoryUsedKiB / 1024;
  if (before === undefined || !(seconds > 0)) return usage;
  const vcpus = now.vcpus ?? before.vcpus;
  if (vcpus !== undefined && before.cpuTimeNs !== undefined && now.cpuTimeNs !== undefined) {
    // 64-bit nanoseconds: a drop is a restart, never a wrap; 10 % slack for the sampling jitter.
    const ns = counterDelta64(before.cpuTimeNs, now.cpuTimeNs, vcpus * seconds * 1.1e9);
    if (ns !== undefined) usage.cpu = Math.min(100, (100 * ns) / (vcpus * seconds * 1e9));
  }
  const bytes = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || b < a
      ? undefined
      : ratePerSecond(a, b, seconds, MAX_BYTES_PER_SECOND);
  const figures = {
    netIn: bytes(before.netRxBytes, now.netRxBytes),
    netOut: bytes(before.netTxBytes, now.netTxBytes),
    diskRead: bytes(before.blockReadBytes, now.blockReadBytes),
    diskWrite: bytes(before.blockWriteBytes, now.blockWriteBytes),
  };
  for (const [key, value] of Object.entries(figures)) {
    if (value !== undefined) usage[key as keyof typeof figures] = value;
  }
  return usage;
}

/** A 64-bit counter's growth: a drop is a reset, not a wrap. */
function counterDelta64(before: number, after: number, maxDelta: number): number | undefined {
  return after < before ? undefined : counterDelta(before, after, maxDelta);
}
