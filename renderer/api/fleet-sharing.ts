import { replaceEqualDeep } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../shared/contract/requests';

/**
 * Structural sharing of the fleet snapshot, for its query: each push event patches one host or
 * one host's VMs, so an object unchanged since the last snapshot (the same object, or an equal
 * one found by its id) is kept as it was, and only what changed is compared deep. react-query's
 * default compares the whole snapshot by position on every event: at 1,000 hosts / 10,000 VMs
 * that walked every VM on every event, and as a host's new VM list goes to the end of the list,
 * every VM after it compared unequal to its neighbour and was copied, so every view of VMs
 * redrew. The query's `select` results go through it too: those are shared as react-query would.
 */
export function shareFleet(old: unknown, next: unknown): unknown {
  if (old === next) return next;
  if (!isSnapshot(old) || !isSnapshot(next)) return replaceEqualDeep(old, next);
  const before = old;
  const after = next;
  const hosts = shareById(before.hosts, after.hosts, (h) => h.config.id);
  const vms = shareById(before.vms, after.vms, (vm) => vm.id);
  if (hosts === before.hosts && vms === before.vms && after.demo === before.demo) return before;
  return { ...after, hosts, vms };
}

/**
 * `next` with each item equal to `old`'s of the same id replaced by it. If that makes every item
 * one of `old`'s (the same set: ids are unique), `old` itself, whatever the order: a host's VMs
 * sent again unchanged come at the end of the list, and nothing reads meaning into that order.
 */
function shareById<T extends object>(old: readonly T[], next: T[], id: (item: T) => string): T[] {
  let byId: Map<string, T> | undefined;
  let same = old.length === next.length;
  const out = next.map((item, i) => {
    if (old[i] === item) return item;
    byId ??= new Map(old.map((o) => [id(o), o]));
    const before = byId.get(id(item));
    const kept = before === undefined ? item : replaceEqualDeep<T>(before, item);
    if (kept !== before) same = false;
    return kept;
  });
  return same ? (old as T[]) : out;
}

const isSnapshot = (data: unknown): data is FleetSnapshot =>
  typeof data === 'object' &&
  data !== null &&
  Array.isArray((data as Partial<FleetSnapshot>).hosts) &&
  Array.isArray((data as Partial<FleetSnapshot>).vms);
