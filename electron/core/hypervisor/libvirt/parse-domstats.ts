import type { z } from 'zod';
import type { AppError } from '../../../../shared/errors';
import { MemoryKiB, VcpuCount } from '../../../../shared/domain/host-figures';
import type { VmState } from '../../../../shared/domain/vm';
import { stateReasonOf, vmStateOf } from './domain-state';
import { boundedFigure, parseError } from './parse-error';

const COMMAND = 'virsh domstats --raw --state --vcpu --balloon --block';
/** Block devices read per domain at most (as MAX_VM_DISKS). */
const MAX_BLOCKS = 64;

export interface DomainStats {
  state: VmState;
  stateReason?: string;
  vcpus?: number;
  /** Current memory (the balloon), KiB. */
  memoryKiB?: number;
  /** Each block device's virtual size in bytes, by its target (vda …), where libvirt says. */
  diskCapacity?: Map<string, number>;
}

/**
 * `virsh domstats --raw …` for all domains: a "Domain: 'NAME'" header, then indented key=value
 * lines. Domains are keyed by name because that is all domstats prints (names are unique per
 * host); the caller joins them with the UUID list.
 */
export function parseDomstats(output: string): Map<string, DomainStats> {
  const raw = domstatsFields(output, COMMAND);
  const stats = new Map<string, DomainStats>();
  for (const [name, fields] of raw) {
    const stateCode = integer(fields.get('state.state'));
    const state = stateCode === undefined ? undefined : vmStateOf(stateCode);
    if (state === undefined) throw bad(`no valid state.state for domain ${JSON.stringify(name)}`);
    const reasonCode = integer(fields.get('state.reason'));
    const reason = reasonCode === undefined ? undefined : stateReasonOf(state, reasonCode);
    const figure = (field: string, bounds: z.ZodType<number>): number | undefined => {
      const text = fields.get(field);
      if (text === undefined || !/^\d+$/.test(text)) return undefined;
      const what = `${field} of domain ${JSON.stringify(name)}`;
      return boundedFigure(Number(text), bounds, { command: COMMAND, what, output }, text);
    };
    const vcpus = figure('vcpu.current', VcpuCount);
    const memoryKiB = figure('balloon.current', MemoryKiB) ?? figure('balloon.maximum', MemoryKiB);
    const diskCapacity = blockCapacities(fields);
    stats.set(name, {
      state,
      ...(diskCapacity.size === 0 ? {} : { diskCapacity }),
      ...(reason === undefined ? {} : { stateReason: reason }),
      ...(vcpus === undefined ? {} : { vcpus }),
      ...(memoryKiB === undefined ? {} : { memoryKiB }),
    });
  }
  return stats;

  function bad(why: string): AppError {
    return parseError(COMMAND, why, output);
  }
}

/**
 * The raw fields of each domain in `virsh domstats --raw` output, by domain name: the header and
 * `key=value` lines checked, nothing interpreted (parseDomstats and the metrics parser read them).
 */
export function domstatsFields(output: string, command: string): Map<string, Map<string, string>> {
  const bad = (why: string): AppError => parseError(command, why, output);
  const raw = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith("Domain: '")) {
      if (!line.endsWith("'") || line.length < 11)
        throw bad(`a broken header: ${JSON.stringify(line)}`);
      current = new Map();
      raw.set(line.slice("Domain: '".length, -1), current);
      continue;
    }
    // Keys hold dashes too: a running guest with a memory balloon reports `balloon.last-update`.
    const match = /^\s+([\w.-]+)=(.*)$/.exec(line);
    if (!match || current === undefined) throw bad(`an unexpected line: ${JSON.stringify(line)}`);
    current.set(match[1] ?? '', match[2] ?? '');
  }
  return raw;
}

/**
 * `block.<i>.name` and `block.<i>.capacity` pairs; an odd or missing figure is left out. libvirt
 * 9.0 gives a shut-off domain's blocks their names only (seen on the lab): no size, not weighed.
 */
function blockCapacities(fields: ReadonlyMap<string, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  const count = Math.min(integer(fields.get('block.count')) ?? 0, MAX_BLOCKS);
  for (let i = 0; i < count; i++) {
    const target = fields.get(`block.${i}.name`);
    const capacity = integer(fields.get(`block.${i}.capacity`));
    if (target === undefined || capacity === undefined || !Number.isSafeInteger(capacity)) continue;
    sizes.set(target, capacity);
  }
  return sizes;
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
