import { MemoryKiB, VcpuCount } from '../../../shared/domain/host-figures';
import { vmStateOf } from '../hypervisor/libvirt/domain-state';
import { boundedFigure, parseError } from '../hypervisor/libvirt/parse-error';
import { domstatsFields } from '../hypervisor/libvirt/parse-domstats';
import type { VmCounters } from './counters';

export const DOMSTATS_COUNTERS_COMMAND =
  'virsh domstats --raw --nowait --state --cpu-total --balloon --vcpu --interface --block';

const MAX_COUNTER = 2 ** 64;
/** Interfaces or disks of one domain: libvirt allows far fewer; more is a broken host. */
const MAX_DEVICES = 4096;

/**
 * The counters of every domain in one domstats output. A domain that is not running prints its
 * state only, and gets no counters; a field out of its bounds is a typed parse-error naming the
 * field and the domain.
 */
export function parseDomstatsCounters(output: string): VmCounters[] {
  const command = DOMSTATS_COUNTERS_COMMAND;
  const vms: VmCounters[] = [];
  for (const [name, fields] of domstatsFields(output, command)) {
    const where = `of domain ${JSON.stringify(name)}`;
    const bad = (why: string) => parseError(command, `${why} ${where}`, output);
    const counter = (key: string): number | undefined => {
      const text = fields.get(key);
      if (text === undefined) return undefined;
      if (!/^\d{1,20}$/.test(text) || Number(text) >= MAX_COUNTER) {
        throw bad(`${key} is not a counter (${JSON.stringify(text.slice(0, 40))})`);
      }
      return Number(text);
    };
    const bounded = (key: string, bounds: typeof MemoryKiB): number | undefined => {
      const value = counter(key);
      if (value === undefined) return undefined;
      return boundedFigure(value, bounds, { command, what: `${key} ${where}`, output });
    };
    const stateCode = counter('state.state');
    const state = stateCode === undefined ? undefined : vmStateOf(stateCode);
    if (state === undefined) throw bad('no valid state.state');
    const sum = (group: 'net' | 'block', field: string): number | undefined => {
      const count = counter(`${group}.count`);
      if (count === undefined) return undefined;
      if (count > MAX_DEVICES) throw bad(`${group}.count is out of range (${count})`);
      let total = 0;
      for (let i = 0; i < count; i++) total += counter(`${group}.${i}.${field}`) ?? 0;
      return total;
    };
    const available = bounded('balloon.available', MemoryKiB);
    const unused = bounded('balloon.unused', MemoryKiB);
    const rss = bounded('balloon.rss', MemoryKiB);
    const memoryUsedKiB =
      available !== undefined && unused !== undefined && unused <= available
        ? available - unused
        : rss;
    const values = {
      vcpus: bounded('vcpu.current', VcpuCount),
      cpuTimeNs: counter('cpu.time'),
      memoryUsedKiB,
      netRxBytes: sum('net', 'rx.bytes'),
      netTxBytes: sum('net', 'tx.bytes'),
      blockReadBytes: sum('block', 'rd.bytes'),
      blockWriteBytes: sum('block', 'wr.bytes'),
    };
    vms.push({ name, state, ...definedOnly(values) });
  }
  return vms;
}

/** exactOptionalPropertyTypes: an absent figure is left out, not set to undefined. */
function definedOnly<T extends Record<string, number | undefined>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
