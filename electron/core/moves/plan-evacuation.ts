import type { HostId } from '../../../shared/domain/ids';
import type { Plan, PlacementReview, Proposal } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { createNamer, type Namer } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';
import { evacuate } from '../../../shared/placement';
import { placementChoices } from '../../../shared/services/placement-choices';
import { runnerUpWords } from '../../../shared/words/choice-words';
import { newPlan } from '../plans/plan-builder';
import { checkMoves, type MoveCheck, type WantedMove } from './move-check';
import { moveInput, type PlanningView } from '../context/planning-view';
import { hostUnusable, plural } from '../../../shared/words';
import { suggestionWords, unplacedWords } from '../../../shared/words/plan-words';
import { reasonWords } from '../../../shared/words/reasons';
import type { Reason } from '../../../shared/domain/reason';
import type { VmId } from '../../../shared/domain/ids';
import { checkDiskCopies, localDisks } from '../../../shared/placement-input/disk-copies';
import { passedOverWords, staysWithDisksWords } from '../../../shared/words/disk-copy-words';
import { isLive } from './move-check';
import type { VmMove } from '../../../shared/contract/requests';
import type { Vm } from '../../../shared/domain/vm';

/**
 * The plan that empties a host entering maintenance: the engine's `evacuate` (only the host's own
 * VMs move, except when one fits nowhere and a single other VM can step aside; every hard rule
 * kept), re-checked as one set and turned into live or cold migrations. Undefined when the host
 * holds no VM. The host must already be marked: the engine then sends nothing to it.
 */
export function planEvacuation(
  hostId: HostId,
  fleet: PlanningView,
  options: { concurrency?: number } = {},
): Proposal | undefined {
  const names = createNamer(fleet);
  const host = fleet.hosts.find((h) => h.config.id === hostId);
  if (!host) throw new AppError('not-found', `no host with id ${hostId}`, { hostId });
  const name = host.config.name;
  const leaving = fleet.vms.filter((vm) => vm.hostId === hostId);
  if (leaving.length === 0) return undefined;
  const stays = `${name} stays in maintenance and takes no new VMs`;
  if (host.state !== 'connected') {
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: ${hostUnusable('it', host.state)}, so its VMs cannot be migrated away; ${stays}`,
      unplaced: leaving.map((vm) => {
        const why: Reason = { code: 'host-unusable', host: hostId, state: host.state };
        return {
          vmName: vm.name,
          why: [why],
          reasons: [reasonWords(why, names)],
          suggestions: [
            `Reconnect ${name}, then put it in maintenance again to plan its evacuation.`,
          ],
        };
      }),
    };
  }
  // A shut-off VM whose disks only this host has stays: moved offline, its disks would stay
  // behind (libvirt copies disks only live), and off, it needs nothing from the host meanwhile.
  const pools = host.facts?.value.pools;
  const staying = new Set(
    leaving.filter((vm) => !isLive(vm) && localDisks(vm, pools).length > 0).map((vm) => vm.id),
  );
  const stayNotes = leaving
    .filter((vm) => staying.has(vm.id))
    .map((vm) => staysWithDisksWords(vm.name, name, localDisks(vm, pools)));
  if (staying.size === leaving.length) return undefined;
  const input = moveInput(fleet);
  const avoided = diskRefusals(
    leaving.filter((vm) => !staying.has(vm.id)),
    fleet,
  );
  const everything = evacuate(input, {
    hosts: [hostId],
    avoid: new Map([...avoided].map(([vm, byHost]) => [vm, new Set(byHost.keys())])),
  });
  const placed = {
    ...everything,
    moves: everything.moves.filter((m) => !staying.has(m.vm as VmId)),
    unplaced: everything.unplaced.filter((u) => !staying.has(u.vm as VmId)),
  };
  const byId = new Map(fleet.vms.map((vm) => [vm.id as string, vm]));
  const stuck = new Set(placed.unplaced.map((u) => u.vm));
  const wanted: WantedMove[] = [];
  for (const move of placed.moves) {
    const vm = byId.get(move.vm);
    if (vm && !stuck.has(move.vm)) wanted.push({ vm, to: move.to as HostId });
  }
  const why = placementChoices(input, placed);
  const runnersUp = new Map<string, PlacementReview['runnersUp']>(
    [...why].map(([vm, choice]) => [
      vm,
      choice.runnersUp.map((r) => ({
        hostId: r.hostId as HostId,
        note: runnerUpWords(r.hostId, r.why, names),
        why: r.why,
      })),
    ]),
  );
  const check = wanted.length > 0 ? checkMoves(wanted, fleet, { input, runnersUp }) : undefined;
  if (placed.unplaced.length > 0) {
    const fits = leaving.length - staying.size - placed.unplaced.length;
    const unplaced = placed.unplaced.map((u) => {
      // The hosts passed over for its disks: the engine's words do not name them.
      const disk = [...(avoided.get(u.vm)?.values() ?? [])];
      return {
        vmName: names.vm(u.vm),
        ...(disk.length === 0 ? {} : { why: disk }),
        reasons: unique([...unplacedWords(u, names), ...disk.map((r) => reasonWords(r, names))]),
        suggestions: u.suggestions.map((s) => suggestionWords(s, names)),
      };
    });
    // What fits can still go, the rest named with why it stays: the admin chooses.
    const partial =
      check?.ok === true && fits > 0
        ? evacuationPlan(
            hostId,
            `Empty ${name} for maintenance: move what fits (${fits} of ${leaving.length - staying.size})`,
            check,
            wanted,
            names,
            options,
            [...stayNotes, ...passedOver(wanted, avoided, names)],
          )
        : undefined;
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: ${placed.unplaced.length} of its ${plural(leaving.length - staying.size, 'VM')} ${placed.unplaced.length === 1 ? 'fits' : 'fit'} on no other host; nothing was moved, and ${stays}`,
      unplaced,
      ...(partial ? { partial } : {}),
    };
  }
  if (!check?.ok) {
    return {
      ok: false,
      message: `Couldn't plan emptying ${name}: the engine's moves do not pass the check; ${stays}`,
      unplaced: check?.unplaced ?? [],
    };
  }
  return {
    ok: true,
    plan: evacuationPlan(hostId, `Empty ${name} for maintenance`, check, wanted, names, options, [
      ...stayNotes,
      ...passedOver(wanted, avoided, names),
    ]),
  };
}

/** By VM id, then host id: why a host cannot take that VM's disks (see diskRefusals). */
type DiskRefusals = Map<string, Map<string, Reason>>;

/**
 * The hosts each leaving VM's local disks cannot be copied to, with why: a volume of a disk's name
 * already in the target pool (libvirt would write over it), a volume list that could not be read,
 * no such pool there … the move check's own refusals, one host at a time, so that the engine passes
 * such a host over for that VM alone. Only where the target volumes were read (`poolVolumes`, see
 * evacuationTargets): without them nothing is passed over, and the check of the chosen moves
 * decides as before.
 */
function diskRefusals(vms: readonly Vm[], fleet: PlanningView): DiskRefusals {
  const out: DiskRefusals = new Map();
  const listed = fleet.poolVolumes;
  if (listed === undefined) return out;
  const pools = new Map(fleet.hosts.map((h) => [h.config.id, h.facts?.value.pools]));
  const volumes = {
    names: (h: HostId, pool: string) => listed.get(`${h}\n${pool}`),
    vms: fleet.vms,
  };
  for (const vm of vms) {
    if (localDisks(vm, pools.get(vm.hostId)).length === 0) continue;
    const byHost = new Map<string, Reason>();
    for (const host of fleet.hosts) {
      const to = host.config.id;
      if (to === vm.hostId || host.state !== 'connected') continue;
      const [check] = checkDiskCopies([{ vm, to, live: isLive(vm) }], (h) => pools.get(h), volumes);
      if (check !== undefined && !check.ok) byHost.set(to, check.reason);
    }
    if (byHost.size > 0) out.set(vm.id, byHost);
  }
  return out;
}

/** The review's note on each moving VM for which a host was passed over for its disks. */
function passedOver(wanted: readonly WantedMove[], avoided: DiskRefusals, names: Namer): string[] {
  return wanted.flatMap((m) => {
    const byHost = avoided.get(m.vm.id);
    if (byHost === undefined) return [];
    return [...byHost]
      .filter(([, r]) => r.code === 'volume-exists')
      .map(([host, r]) =>
        passedOverWords(names.vm(m.vm.id), names.host(host), reasonWords(r, names)),
      );
  });
}

/**
 * The moves whose target volumes an evacuation of `hostId` reads before it is planned: each of
 * its running VMs with local disks to every other connected host of its driver (one `vol-list` per
 * host and pool, see withTargetVolumes). Empty when no leaving VM has a local disk.
 */
export function evacuationTargets(hostId: HostId, fleet: PlanningView): VmMove[] {
  const source = fleet.hosts.find((h) => h.config.id === hostId);
  if (source === undefined) return [];
  const pools = source.facts?.value.pools;
  const leaving = fleet.vms.filter(
    (vm) => vm.hostId === hostId && isLive(vm) && localDisks(vm, pools).length > 0,
  );
  if (leaving.length === 0) return [];
  const targets = fleet.hosts.filter(
    (h) =>
      h.config.id !== hostId &&
      h.state === 'connected' &&
      h.config.maintenance !== true &&
      h.config.driver === source.config.driver,
  );
  return leaving.flatMap((vm) =>
    targets.map((h) => ({ vmId: vm.id, fromHostId: hostId, toHostId: h.config.id })),
  );
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The evacuate plan of checked moves; VMs of other hosts that step aside are warned about. */
function evacuationPlan(
  hostId: HostId,
  title: string,
  check: Extract<MoveCheck, { ok: true }>,
  wanted: readonly WantedMove[],
  names: Namer,
  options: { concurrency?: number },
  stayNotes: readonly string[],
): Plan {
  const others = wanted.filter((m) => m.vm.hostId !== hostId);
  return newPlan({
    kind: 'evacuate',
    title,
    steps: check.steps,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    extra: {
      hostId,
      review: check.review,
      warnings: [
        ...others.map((m) =>
          planNoteWords({ code: 'makes-room', vm: m.vm.id, from: m.vm.hostId, to: m.to }, names),
        ),
        ...check.warnings,
        ...stayNotes,
      ],
    },
  });
}
