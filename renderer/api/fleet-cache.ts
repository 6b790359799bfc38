import type { Host, HostId, LogEntry, Vm } from '../../shared/domain';
import type { FleetSnapshot } from '../../shared/contract/requests';
import type { Plan } from '../../shared/domain/plan';

/**
 * Pure updates of the cached snapshot, one per push event. Each returns a new object so that
 * react-query's structural sharing and React's memo see the change.
 */
export function upsertHost(fleet: FleetSnapshot, host: Host): FleetSnapshot {
  const index = fleet.hosts.findIndex((h) => h.config.id === host.config.id);
  const hosts =
    index === -1 ? [...fleet.hosts, host] : fleet.hosts.map((h, i) => (i === index ? host : h));
  return { ...fleet, hosts };
}

export function removeHost(fleet: FleetSnapshot, hostId: HostId): FleetSnapshot {
  return {
    ...fleet,
    hosts: fleet.hosts.filter((h) => h.config.id !== hostId),
    vms: fleet.vms.filter((vm) => vm.hostId !== hostId),
  };
}

/** A host's VM list arrives whole: replace it, which heals any event missed before. */
export function replaceHostVms(
  fleet: FleetSnapshot,
  hostId: HostId,
  vms: readonly Vm[],
): FleetSnapshot {
  return { ...fleet, vms: [...fleet.vms.filter((vm) => vm.hostId !== hostId), ...vms] };
}

/** With the demo switched off, its simulated hosts are gone whether or not their removals arrive. */
export function setDemo(fleet: FleetSnapshot, enabled: boolean): FleetSnapshot {
  if (enabled) return { ...fleet, demo: true };
  const demoIds = new Set(
    fleet.hosts.filter((h) => h.config.driver === 'demo').map((h) => h.config.id),
  );
  return {
    hosts: fleet.hosts.filter((h) => !demoIds.has(h.config.id)),
    vms: fleet.vms.filter((vm) => !demoIds.has(vm.hostId)),
    demo: false,
  };
}

/**
 * Newest first, no duplicates (a refetch after reconnect overlaps with pushed lines), capped at
 * `limit` info lines and `limit` warnings and errors, as the core keeps them: a burst of info
 * lines does not push a warning out of the window either.
 */
export function appendLog(log: readonly LogEntry[], entry: LogEntry, limit: number): LogEntry[] {
  if (log.some((e) => e.seq === entry.seq)) return [...log];
  // Pushed lines come in order: sort only when one does not (a refetch raced a push).
  const all =
    log[0] === undefined || entry.seq > log[0].seq
      ? [entry, ...log]
      : [entry, ...log].sort((a, b) => b.seq - a.seq);
  let info = 0;
  let problems = 0;
  return all.filter((e) => (e.level === 'info' ? ++info : ++problems) <= limit);
}

/** A plan arrives whole: replace it, or put a new one first (newest first, as plans:list). */
export function upsertPlan(plans: readonly Plan[], plan: Plan): Plan[] {
  const index = plans.findIndex((p) => p.id === plan.id);
  return index === -1 ? [plan, ...plans] : plans.map((p, i) => (i === index ? plan : p));
}
