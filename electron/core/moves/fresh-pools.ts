import type { VmMove } from '../../../shared/contract/requests';
import type { StoragePool } from '../../../shared/domain/host-storage';
import type { HostId } from '../../../shared/domain/ids';
import type { CoreContext } from '../context/core-context';
import type { PlanningView } from '../context/planning-view';

/**
 * The planning view with the pools of the hosts these moves touch read again, when a moved VM has
 * disks: the facts' copy can be a minute old, and a disk copied into a pool that filled since
 * would fail midway. A host whose pools cannot be read now keeps the copy it had.
 */
export async function withFreshPools(
  ctx: CoreContext,
  view: PlanningView,
  moves: readonly VmMove[],
): Promise<PlanningView> {
  const withDisks = new Set(
    view.vms.filter((vm) => (vm.disks ?? []).length > 0).map((vm) => vm.id),
  );
  const hostIds = new Set<HostId>();
  for (const move of moves) {
    if (!withDisks.has(move.vmId)) continue;
    hostIds.add(move.fromHostId);
    hostIds.add(move.toHostId);
  }
  if (hostIds.size === 0) return view;
  const fresh = new Map<HostId, StoragePool[]>();
  await Promise.all(
    [...hostIds].map(async (hostId) => {
      const entry = ctx.hosts.get(hostId);
      if (!entry || entry.host.state !== 'connected') return;
      try {
        const storage = await (await entry.link.hypervisor()).hostStorage();
        fresh.set(hostId, storage.pools);
      } catch {
        // The facts' copy stands; the check says so if it has none.
      }
    }),
  );
  if (fresh.size === 0) return view;
  return {
    ...view,
    hosts: view.hosts.map((host) => {
      const pools = fresh.get(host.config.id);
      const facts = host.facts;
      if (pools === undefined || facts === undefined) return host;
      return { ...host, facts: { ...facts, value: { ...facts.value, pools } } };
    }),
  };
}
