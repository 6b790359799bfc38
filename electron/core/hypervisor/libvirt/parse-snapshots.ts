import { SnapshotState, type VmSnapshot } from '../../../../shared/domain/snapshot';
import { parseError } from './parse-error';
import { attribute, child, children, isNode, parseXml, text } from './xml';

/** A snapshot as its XML says it; whether it is the current one comes from another command. */
export type SnapshotFacts = Omit<VmSnapshot, 'current'>;

const STATES = new Set<string>(SnapshotState.options.filter((s) => s !== 'other'));

/**
 * `virsh snapshot-list --name`: one name per line, exactly as libvirt keeps it (spaces and quotes
 * included; only the empty lines virsh adds are dropped).
 */
export function parseSnapshotNames(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line !== '');
}

/**
 * One `virsh snapshot-dumpxml`: name, parent, description, creation time, state, memory and where
 * it lives. Read from elements and attributes only; a creation time that is not a sane number is
 * left unknown rather than shown as 1970, an unknown state is 'other'; a missing name or a
 * document that is not a <domainsnapshot> is refused with the output kept.
 */
export function parseSnapshotXml(xml: string, command = 'virsh snapshot-dumpxml'): SnapshotFacts {
  const root = child(parseXml(xml, command), 'domainsnapshot');
  if (!isNode(root)) throw parseError(command, 'no <domainsnapshot> element', xml);
  const name = text(child(root, 'name'));
  if (name === undefined || name === '')
    throw parseError(command, 'a snapshot with no <name>', xml);
  const parent = text(child(child(root, 'parent'), 'name'));
  const description = text(child(root, 'description'));
  const seconds = Number(text(child(root, 'creationTime')) ?? Number.NaN);
  const stateText = text(child(root, 'state')) ?? '';
  const state: SnapshotState = STATES.has(stateText) ? (stateText as SnapshotState) : 'other';
  const memoryMode = attribute(child(root, 'memory'), 'snapshot');
  const diskModes = children(child(root, 'disks'), 'disk').map((d) => attribute(d, 'snapshot'));
  // libvirt writes <memory snapshot='internal|external|no'>; older hosts write none, and then a
  // snapshot of a running domain that is not disk-only carries its memory.
  const memory =
    memoryMode === undefined
      ? state === 'running' || state === 'paused'
      : memoryMode === 'internal' || memoryMode === 'external';
  const external = memoryMode === 'external' || diskModes.includes('external');
  return {
    name: name.slice(0, 1000),
    ...(parent === undefined || parent === '' ? {} : { parent: parent.slice(0, 1000) }),
    ...(description === undefined || description === ''
      ? {}
      : { description: description.slice(0, 4000) }),
    ...(Number.isSafeInteger(seconds) && seconds > 0 && seconds < 1e11
      ? { createdAt: seconds * 1000 }
      : {}),
    state,
    memory,
    location: external ? 'external' : 'internal',
  };
}

/**
 * A name as one argument of a command inside a virsh batch (virsh's own parser: a single-quoted
 * string is literal, a quote inside is closed, escaped and reopened, as in sh). Names with a line
 * break are refused before this (SnapshotName), and the listing skips them.
 */
export function virshQuote(value: string): string {
  return `'${value.split("'").join(`'\\''`)}'`;
}
