import {
  needsPassphrase,
  type Host,
  type HostId,
  type HostState,
  type Vm,
} from '../../../shared/domain';
import type { FleetSnapshot } from '../../../shared/contract/requests';
import type { HostFilter } from '../../app/ui-store';
import { hostStateView } from './state-view';
import { vmStateKnown } from '../../../shared/domain/vm-seen';

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** VMs grouped by host and sorted by name, so each host card gets a stable list. */
export function vmsByHost(vms: readonly Vm[]): Map<HostId, Vm[]> {
  const groups = new Map<HostId, Vm[]>();
  for (const vm of vms) {
    const list = groups.get(vm.hostId);
    if (list) list.push(vm);
    else groups.set(vm.hostId, [vm]);
  }
  for (const list of groups.values()) list.sort((a, b) => byName.compare(a.name, b.name));
  return groups;
}

/**
 * A grouping that remembers its last answer and hands back the same array for every host whose VMs
 * did not change (same objects, same order), so a vms:changed on one host re-renders one card only.
 */
export function createStableGrouper(): (vms: readonly Vm[]) => Map<HostId, Vm[]> {
  let previous: Map<HostId, Vm[]> | undefined;
  return (vms) => {
    previous = reuseGroups(vmsByHost(vms), previous);
    return previous;
  };
}

export function reuseGroups(
  next: Map<HostId, Vm[]>,
  previous: Map<HostId, Vm[]> | undefined,
): Map<HostId, Vm[]> {
  if (!previous) return next;
  for (const [hostId, list] of next) {
    const old = previous.get(hostId);
    if (old && old.length === list.length && old.every((vm, i) => vm === list[i])) {
      next.set(hostId, old);
    }
  }
  return next;
}

export function sortHosts(hosts: readonly Host[]): Host[] {
  return [...hosts].sort((a, b) => byName.compare(a.config.name, b.config.name));
}

/** The hosts the admin asked to see: by trouble, and those the one search shows (search-store). */
export function filterHosts(
  hosts: readonly Host[],
  filter: HostFilter,
  shown: (hostId: HostId) => boolean,
): Host[] {
  return hosts.filter(
    (host) => (filter !== 'problems' || hostStateView(host.state).trouble) && shown(host.config.id),
  );
}

export interface FleetSummary {
  /** Hosts per state, except those counted in `needPassphrase`. */
  hostsByState: Partial<Record<HostState, number>>;
  /** Hosts whose key waits for its passphrase: a question for the admin, not a refusal. */
  needPassphrase: number;
  hostCount: number;
  troubleCount: number;
  /** Running on a connected host: a VM on a lost host is not counted as running. */
  vmsRunning: number;
  /** On a host the console does not reach now: state unknown. */
  vmsUnknown: number;
  vmCount: number;
}

export function summarize(fleet: FleetSnapshot): FleetSummary {
  const hostsByState: Partial<Record<HostState, number>> = {};
  let troubleCount = 0;
  let needPassphrase = 0;
  for (const host of fleet.hosts) {
    if (needsPassphrase(host)) needPassphrase += 1;
    else hostsByState[host.state] = (hostsByState[host.state] ?? 0) + 1;
    if (hostStateView(host.state).trouble) troubleCount += 1;
  }
  const known = new Set(fleet.hosts.filter((h) => vmStateKnown(h.state)).map((h) => h.config.id));
  return {
    hostsByState,
    needPassphrase,
    hostCount: fleet.hosts.length,
    troubleCount,
    vmsRunning: fleet.vms.filter((vm) => vm.state === 'running' && known.has(vm.hostId)).length,
    vmsUnknown: fleet.vms.filter((vm) => !known.has(vm.hostId)).length,
    vmCount: fleet.vms.length,
  };
}
