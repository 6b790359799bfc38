import type { VmState } from '../../../shared/domain/vm';

/**
 * What one sample reads from a host: cumulative counters (CPU time, bytes) and gauges (memory,
 * disk), exactly as the host keeps them. Rates are computed in the console (rates.ts), never asked
 * of the host: `virsh … --percent` would block while it samples.
 */
export interface HostCounters {
  /** The host's own monotonic clock (/proc/uptime), seconds: the interval between two samples. */
  uptimeSeconds: number;
  /** /proc/stat's first line, in jiffies: busy (all but idle and iowait), iowait, and all. */
  cpu: { busy: number; iowait: number; total: number };
  memoryTotalKiB: number;
  memoryAvailableKiB: number;
  /** Bytes through the host's own interfaces (not lo, not the guests' taps and bridges). */
  netRxBytes: number;
  netTxBytes: number;
  /** `df -Pk /`; absent when df printed nothing readable. */
  rootDisk?: { sizeKiB: number; usedKiB: number };
}

/** One domain's counters from `virsh domstats --raw`; what a stopped domain lacks is absent. */
export interface VmCounters {
  name: string;
  state: VmState;
  vcpus?: number;
  /** cpu.time: nanoseconds of CPU the guest used since its QEMU started. */
  cpuTimeNs?: number;
  /** What the guest uses (balloon available − unused when the guest reports it, else QEMU's RSS). */
  memoryUsedKiB?: number;
  netRxBytes?: number;
  netTxBytes?: number;
  blockReadBytes?: number;
  blockWriteBytes?: number;
  /**
   * When these counters were read, on the host's uptime clock, when that is not the host's own
   * sample time (Prometheus scrapes the libvirt exporter apart from node_exporter). Absent: the
   * host's uptimeSeconds.
   */
  readAtSeconds?: number;
}

export interface CounterSample {
  host: HostCounters;
  vms: VmCounters[];
  /** What could not be read while the rest could (libvirt not answering): the host's figures count. */
  problem?: string;
}
