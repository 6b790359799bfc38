import { MemoryKiB, UptimeSeconds } from '../../../shared/domain/host-figures';
import type { AppError } from '../../../shared/errors';
import { boundedFigure, parseError } from '../hypervisor/libvirt/parse-error';
import type { HostCounters } from './counters';

export const HOST_COUNTERS_COMMAND =
  'metrics sample (/proc/uptime, /proc/stat, /proc/meminfo, /proc/net/dev, df /)';

/** A kernel counter: a whole number below 2^64 (what a u64 holds; 20 digits at most). */
const MAX_COUNTER = 2 ** 64;

/**
 * Interfaces that are not the host's own way out: loopback, the guests' taps and veths, and the
 * bridges that carry the same bytes as the NIC under them. Counting them would count guest
 * traffic two or three times.
 */
export const NOT_HOST_INTERFACES = [
  'lo',
  'vnet',
  'tap',
  'veth',
  'virbr',
  'br',
  'docker',
  'fw',
  'macvtap',
  'vif',
] as const;
const NOT_HOST_TRAFFIC = new RegExp(`^(${NOT_HOST_INTERFACES.join('|')})`);

/**
 * The host's sections of a metrics sample, in the order of METRICS_SCRIPT: uptime, the `cpu` line
 * of /proc/stat, MemTotal/MemAvailable, /proc/net/dev, the last line of `df -Pk /`. Strict: a
 * section that does not have its shape is a typed parse-error naming it, never a made-up zero.
 */
export function parseHostCounters(sections: {
  uptime: string;
  stat: string;
  meminfo: string;
  netdev: string;
  df: string;
}): HostCounters {
  const all = Object.values(sections).join('\n---\n');
  const bad = (why: string): AppError => parseError(HOST_COUNTERS_COMMAND, why, all);
  const counter = (text: string | undefined, what: string): number => {
    if (text === undefined || !/^\d{1,20}$/.test(text)) {
      throw bad(`${what} is not a counter (${JSON.stringify(text?.slice(0, 40) ?? '')})`);
    }
    const value = Number(text);
    if (value >= MAX_COUNTER) throw bad(`${what} is out of range (${text})`);
    return value;
  };

  const uptimeText = /^\s*(\d+(?:\.\d+)?)\s/.exec(`${sections.uptime} `)?.[1];
  if (uptimeText === undefined) throw bad('no uptime in /proc/uptime');
  const uptimeSeconds = boundedFigure(Number(uptimeText), UptimeSeconds, {
    command: HOST_COUNTERS_COMMAND,
    what: '/proc/uptime',
    output: all,
  });

  const cpuFields = /^cpu\s+(.*)$/m.exec(sections.stat)?.[1]?.trim().split(/\s+/);
  if (cpuFields === undefined || cpuFields.length < 4) throw bad('no `cpu` line in /proc/stat');
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpuFields
    .slice(0, 8)
    .map((field, i) => counter(field, `field ${i + 1} of the cpu line of /proc/stat`));
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + irq + softirq + steal;
  const cpu = { busy, iowait, total: busy + (idle ?? 0) + iowait };

  const memField = (name: string): number | undefined => {
    const text = new RegExp(`^${name}:\\s+(\\d{1,20}) kB$`, 'm').exec(sections.meminfo)?.[1];
    if (text === undefined) return undefined;
    return boundedFigure(Number(text), MemoryKiB, {
      command: HOST_COUNTERS_COMMAND,
      what: `${name} of /proc/meminfo`,
      output: all,
    });
  };
  const memoryTotalKiB = memField('MemTotal');
  const memoryAvailableKiB = memField('MemAvailable');
  if (memoryTotalKiB === undefined || memoryAvailableKiB === undefined) {
    throw bad('no MemTotal and MemAvailable in /proc/meminfo');
  }

  let netRxBytes = 0;
  let netTxBytes = 0;
  for (const line of sections.netdev.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue; // the two header lines
    const name = line.slice(0, colon).trim();
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (fields.length < 16) throw bad(`a short /proc/net/dev line for ${JSON.stringify(name)}`);
    const rx = counter(fields[0], `rx bytes of ${name}`);
    const tx = counter(fields[8], `tx bytes of ${name}`);
    if (NOT_HOST_TRAFFIC.test(name)) continue;
    netRxBytes += rx;
    netTxBytes += tx;
  }

  // Read from the end: a device name may hold spaces; the mount point is the last field.
  const dfFields = sections.df.trim().split(/\s+/);
  const size = dfFields.at(-5);
  const used = dfFields.at(-4);
  const rootDisk =
    dfFields.length >= 6 && dfFields.at(-1) === '/' && size !== undefined && used !== undefined
      ? { sizeKiB: counter(size, 'size of / in df'), usedKiB: counter(used, 'used of / in df') }
      : undefined;

  return {
    uptimeSeconds,
    cpu,
    memoryTotalKiB,
    memoryAvailableKiB,
    netRxBytes,
    netTxBytes,
    ...(rootDisk === undefined ? {} : { rootDisk }),
  };
}
