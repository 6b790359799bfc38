import type { VmMove } from '../../../shared/contract/requests';
import type { StoragePool } from '../../../shared/domain/host-storage';
import type { HostId } from '../../../shared/domain/ids';
import type { CoreContext } from '../context/core-context';
import type { PlanningView } from '../context/planning-view';
import { localDisks, poolOf } from '../../../shared/placement-input/disk-copies';

/**
 * The planning view with the pools of the hosts these moves touch read again, when a moved VM has
 * disks: the facts' copy can be a minute old, and a disk copied into a pool that filled since
 * would fail midway. A host whose pools cannot be read now keeps the copy it had. The target
 * pools' volume names are read too (see targetVolumes).
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
  const refreshed: PlanningView =
    fresh.size === 0
      ? view
      : {
          ...view,
          hosts: view.hosts.map((host) => {
            const pools = fresh.get(host.config.id);
            const facts = host.facts;
            if (pools === undefined || facts === undefined) return host;
            return { ...host, facts: { ...facts, value: { ...facts.value, pools } } };
          }),
        };
  return withTargetVolumes(ctx, refreshed, moves);
}

/**
 * The view with the volume names of the target pools these moves would copy disks into, read now
 * (see targetVolumes): what the move check, an evacuation and an undo refuse a copy by, since
 * libvirt writes over a volume of the copy's name already there. The view as it was when no move
 * copies a disk.
 */
export async function withTargetVolumes(
  ctx: CoreContext,
  view: PlanningView,
  moves: readonly VmMove[],
): Promise<PlanningView> {
  if (moves.length === 0) return view;
  return { ...view, poolVolumes: await targetVolumes(ctx, view, moves) };
}

/**
 * The volume names of each target pool a move copies a disk into (`virsh vol-list`, bounded by
 * the driver), keyed `host\npool`: a pool whose volumes cannot be read is left out, and the check
 * then refuses the copy rather than risk writing over a volume of that name.
 */
async function targetVolumes(
  ctx: CoreContext,
  view: PlanningView,
  moves: readonly VmMove[],
): Promise<Map<string, readonly string[]>> {
  const poolsOf = new Map(view.hosts.map((h) => [h.config.id, h.facts?.value.pools]));
  const wanted = new Map<string, { hostId: HostId; pool: string }>();
  for (const move of moves) {
    const vm = view.vms.find((v) => v.id === move.vmId);
    if (!vm) continue;
    for (const disk of localDisks(vm, poolsOf.get(vm.hostId))) {
      const pool = poolOf(disk, poolsOf.get(move.toHostId));
      if (pool?.active !== true) continue; // the check refuses it for that
      wanted.set(`${move.toHostId}\n${pool.name}`, { hostId: move.toHostId, pool: pool.name });
    }
  }
  const names = new Map<string, readonly string[]>();
  await Promise.all(
    [...wanted].map(async ([key, { hostId, pool }]) => {
      const entry = ctx.hosts.get(hostId);
      if (!entry || entry.host.state !== 'connected') return;
      try {
        const volumes = (await entry.link.hypervisor()).volumes;
        if (volumes)
          names.set(
            key,
            (await volumes.list(pool)).map((v) => v.name),
          );
      } catch {
        // Left out: the check refuses a copy into a pool it cannot see into.
      }
    }),
  );
  return names;
}
