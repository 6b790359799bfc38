import type { ServiceId, VmId } from '../../../shared/domain/ids';
import type { VmChange, VmChangeKind, VmPhase } from '../../../shared/domain/vm-change';
import type { Vm } from '../../../shared/domain/vm';
import type { VmEvent } from '../hypervisor/hypervisor-driver';

/** One change to log, about one VM, with what filters need. */
export interface VmChangeRecord {
  vmName: string;
  vmId?: VmId;
  serviceId?: ServiceId;
  change: VmChange;
  /** libvirt's own words: the event's ("Stopped Failed") or the listed state ("shutoff (crashed)"). */
  said?: string;
}

interface Known {
  phase: VmPhase;
  id?: VmId;
  serviceId?: ServiceId;
  /** When the last event about it arrived: a listing begun before that may not have seen it. */
  eventAt?: number;
  /** The last kind said, so a migration's closing "Undefined" is not a second line. */
  lastKind?: VmChangeKind;
}

/**
 * The VM changes of one host, from two sources that overlap: libvirt's lifecycle events (fast, with
 * libvirt's reason) and listings (the backstop poll, a reconnect, the demo fleet, which has no
 * events). Each VM's last *said* phase is kept by name (events carry no UUID); a change is said
 * only when the phase differs from it, so an event and the listing that follows it are one line,
 * whichever arrives first. A listing begun before an event about a VM is not believed about that
 * VM (it may predate the change); every event triggers a listing after it, which is.
 * The first listing is what the host was like when we met it: said nothing about.
 */
export class VmChangeTracker {
  private readonly known = new Map<string, Known>();
  private baselined = false;

  event(event: VmEvent, at: number): VmChangeRecord[] {
    const before = this.known.get(event.domain);
    const wasPhase = before?.phase ?? 'absent';
    const entry: Known = { ...before, phase: wasPhase, eventAt: at };
    this.known.set(event.domain, entry);
    if (event.phase === undefined) return [];
    // QEMU says "Resumed Unpaused" before "Started Booted" when a VM starts: only a paused VM resumes.
    if (event.kind === 'resumed' && wasPhase !== 'paused') return [];
    const kind = event.kind;
    // A running VM that is undefined goes on running, transient, until it stops.
    const active = wasPhase === 'running' || wasPhase === 'paused';
    const next = kind === 'undefined' && active ? wasPhase : event.phase;
    // "Defined" about a VM we see on the host is a running VM made persistent (a migration's
    // target), not a new VM; "Undefined" right after it migrated out is the move's own clean-up.
    const quiet =
      ((kind === 'defined' || kind === 'renamed') && wasPhase !== 'absent') ||
      (kind === 'undefined' && before?.lastKind === 'migrated-out');
    const says = !quiet && (next !== wasPhase || (kind === 'undefined' && active));
    entry.phase = quiet && event.phase !== 'absent' ? wasPhase : next;
    if (!says || kind === undefined) return [];
    entry.lastKind = kind;
    return [
      {
        vmName: event.domain,
        ...ids(entry),
        change: {
          kind,
          ...(event.reason === undefined ? {} : { reason: event.reason }),
          seenBy: 'event',
        },
        said: event.said,
      },
    ];
  }

  /** A full listing of the host, begun at `listedAt` (undefined: believe it about every VM). */
  listing(vms: readonly Vm[], listedAt = Number.POSITIVE_INFINITY): VmChangeRecord[] {
    const first = !this.baselined;
    this.baselined = true;
    const records: VmChangeRecord[] = [];
    const seen = new Set<string>();
    for (const vm of vms) {
      seen.add(vm.name);
      const before = this.known.get(vm.name);
      const entry: Known = {
        ...before,
        phase: before?.phase ?? 'absent',
        id: vm.id,
        ...(vm.service === undefined ? {} : { serviceId: vm.service }),
      };
      this.known.set(vm.name, entry);
      const phase = phaseOf(vm);
      if (first) entry.phase = phase ?? 'running';
      if (first || phase === undefined || phase === entry.phase || stale(entry, listedAt)) continue;
      const change = listedChange(entry.phase, phase, vm);
      entry.phase = phase;
      entry.lastKind = change.kind;
      records.push({ vmName: vm.name, ...ids(entry), change, said: listedWords(vm) });
    }
    for (const [name, entry] of this.known) {
      if (seen.has(name) || stale(entry, listedAt)) continue;
      this.known.delete(name); // confirmed gone: its entry is not needed any more
      if (entry.phase === 'absent' || first) continue;
      const kind: VmChangeKind = entry.phase === 'off' ? 'undefined' : 'gone';
      records.push({ vmName: name, ...ids(entry), change: { kind, seenBy: 'listing' } });
    }
    return records;
  }
}

function stale(entry: Known, listedAt: number): boolean {
  return entry.eventAt !== undefined && entry.eventAt >= listedAt;
}

function ids(entry: Known): Pick<VmChangeRecord, 'vmId' | 'serviceId'> {
  return {
    ...(entry.id === undefined ? {} : { vmId: entry.id }),
    ...(entry.serviceId === undefined ? {} : { serviceId: entry.serviceId }),
  };
}

/** A listed VM's phase; undefined when libvirt knows no state (NOSTATE): no news either way. */
export function phaseOf(vm: Pick<Vm, 'state' | 'stateReason'>): VmPhase | undefined {
  switch (vm.state) {
    case 'running':
    case 'blocked':
    case 'shutting-down':
      return 'running';
    case 'paused': // the last moments of a live migration are a pause that says nothing
      return vm.stateReason === 'migrating' || vm.stateReason?.startsWith('post-copy') === true
        ? 'running'
        : 'paused';
    case 'suspended':
      return 'paused';
    case 'shutoff':
    case 'crashed':
      return 'off';
    case 'unknown':
      return undefined;
  }
}

/** The change a listing shows, from the phase last said to the VM as listed now. */
function listedChange(from: VmPhase, to: VmPhase, vm: Vm): VmChange {
  const reason = vm.stateReason;
  const said = (kind: VmChangeKind, withReason = false): VmChange => ({
    kind,
    ...(withReason && reason !== undefined ? { reason } : {}),
    seenBy: 'listing',
  });
  if (to === 'running') {
    if (reason === 'migrated' || reason === 'post-copy') return said('migrated-in');
    if (reason === 'restored') return said('restored');
    if (from === 'paused') return said('resumed', reason !== 'unpaused');
    return said('started', reason !== 'booted');
  }
  if (to === 'paused')
    return vm.state === 'suspended' ? said('pm-suspended') : said('paused', true);
  if (vm.state === 'crashed') return { kind: 'crashed', reason: 'panicked', seenBy: 'listing' };
  switch (reason) {
    case 'shutdown':
      return said('shut-down');
    case 'destroyed':
      return said('destroyed');
    case 'crashed':
      return said('crashed'); // killed QEMU and crashed guest look alike here
    case 'migrated':
      return from === 'absent' ? said('migrated-in') : said('migrated-out');
    case 'saved':
      return said('saved');
    default:
      return from === 'absent' ? said('defined') : said('stopped', true);
  }
}

function listedWords(vm: Vm): string {
  return `${vm.state}${vm.stateReason === undefined ? '' : ` (${vm.stateReason})`}`;
}
