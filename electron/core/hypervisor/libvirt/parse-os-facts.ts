import type { AppError } from '../../../../shared/errors';
import type { OsLayer } from '../../../../shared/domain/host';
import {
  HostCpuCount,
  LoadAverage,
  MemoryKiB,
  UptimeSeconds,
} from '../../../../shared/domain/host-figures';
import { boundedFigure, parseError } from './parse-error';

/**
 * One exec gathers the OS layer: a fixed script (no data in it) whose sections are cut by a
 * separator passed as $1. `nproc` counts the CPUs this host can use; cpuinfo gives the model.
 */
export const OS_FACTS_SCRIPT = [
  'cat /etc/os-release',
  'uname -r',
  'cat /proc/uptime',
  'cat /proc/loadavg',
  'hostname',
  'nproc',
  "grep -E '^(model name|Hardware|cpu model|Model)[[:space:]]*:' /proc/cpuinfo | head -n 1",
  "grep -E '^MemTotal:' /proc/meminfo",
  'command -v virsh || true',
].join('; echo "$1"; ');

export const OS_FACTS_SECTIONS = 9;
const COMMAND = 'host facts (os-release, uname, /proc)';

export interface OsFacts {
  hostname: string;
  os: OsLayer;
  cpu: { cores: number; model: string };
  memoryMiB: number;
  /** Where virsh is installed; undefined when it is not. */
  virshPath?: string;
}

export function parseOsFacts(sections: readonly string[]): OsFacts {
  const all = sections.join('\n---\n');
  const bad = (why: string): AppError => parseError(COMMAND, why, all);
  if (sections.length !== OS_FACTS_SECTIONS) throw bad(`expected ${OS_FACTS_SECTIONS} sections`);
  const [osRelease, kernel, uptime, loadavg, hostname, nproc, cpuModel, meminfo, virsh] =
    sections.map((s) => s.trim());

  const release = parseOsRelease(osRelease ?? '');
  const name =
    release.get('PRETTY_NAME') ??
    [release.get('NAME'), release.get('VERSION')].filter(Boolean).join(' ');
  const uptimeSeconds = Number(uptime?.split(/\s+/)[0]);
  const load = (loadavg ?? '').split(/\s+/).slice(0, 3).map(Number);
  const cores = Number(nproc);
  const memKiB = Number(/^MemTotal:\s+(\d+)\s*kB/.exec(meminfo ?? '')?.[1]);
  if (!kernel) throw bad('no kernel release');
  if (!Number.isFinite(uptimeSeconds)) throw bad('no uptime in /proc/uptime');
  const [one, five, fifteen] = load;
  if (one === undefined || five === undefined || fifteen === undefined || load.some(Number.isNaN)) {
    throw bad('no load averages in /proc/loadavg');
  }
  if (!Number.isInteger(cores) || cores < 1) throw bad('no CPU count from nproc');
  if (!Number.isFinite(memKiB)) throw bad('no MemTotal in /proc/meminfo');
  const source = (what: string): { command: string; what: string; output: string } => ({
    command: COMMAND,
    what,
    output: all,
  });
  boundedFigure(uptimeSeconds, UptimeSeconds, source('the uptime in /proc/uptime'));
  for (const value of load) boundedFigure(value, LoadAverage, source('a load average'));
  boundedFigure(cores, HostCpuCount, source('the CPU count from nproc'));
  boundedFigure(memKiB, MemoryKiB, source('MemTotal in /proc/meminfo'));
  return {
    hostname: hostname || 'unknown',
    os: { name: name || 'unknown Linux', kernel, uptimeSeconds, load: [one, five, fifteen] },
    cpu: { cores, model: cpuModel?.split(':').slice(1).join(':').trim() || 'unknown' },
    memoryMiB: Math.round(memKiB / 1024),
    ...(virsh ? { virshPath: virsh } : {}),
  };
}

/** os-release(5): KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    let value = match[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    }
    fields.set(match[1], value);
  }
  return fields;
}
