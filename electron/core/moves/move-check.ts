import type { HostId } from '../../../shared/domain/ids';
import type {
  DiskCopyData,
  PlacementReview,
  PlanStep,
  UnplacedReview,
} from '../../../shared/domain/plan';
import { checkDiskCopies, copyName, poolOf } from '../../../shared/placement-input/disk-copies';
import { diskCopyWords } from '../../../shared/words/disk-copy-words';
import { isActive, type Vm, type VmDiskRef } from '../../../shared/domain/vm';
import { createNamer, type Namer } from '../../../shared/words/namer';
import type { Reason } from '../../../shared/domain/reason';
import {
  headroomWords,
  moveRefusalWords,
  reasonFix,
  refusalFix,
  type RefusalScene,
} from '../../../shared/words/refusal-words';
import { reasonWords } from '../../../shared/words/reasons';
import type { Host } from '../../../shared/domain/host';
import { softRuleWarnings } from '../../../shared/placement-input/soft-rules';
import {
  createWhatIfSession,
  whatIf,
  type PlacementInput,
  type WhatIfAnswer,
} from '../../../shared/placement';
import { step } from '../plans/plan-builder';
import { estimateMigrationSeconds } from './migration-estimate';
import { moveInput, type PlanningView } from '../context/planning-view';
import { orderMoves } from './move-order';

/** One VM the admin (or a planner) wants on another host. */
export interface WantedMove {
  vm: Vm;
  to: HostId;
}

export type MoveCheck =
  | { ok: true; steps: PlanStep[]; review: PlacementReview[]; warnings: string[] }
  | { ok: false; unplaced: UnplacedReview[] };

export interface CheckOptions {
  /** The engine's input when the caller already built it (evacuation). */
  input?: PlacementInput;
  /** The engine's runners-up per VM id, when it chose the hosts (evacuation). */
  runnersUp?: ReadonlyMap<string, PlacementReview['runnersUp']>;
}

/**
 * Check moves AS ONE SET with the engine's what-if (the VMs leave their hosts before any target is
 * weighed, so two moves that only fit together pass, and two that only fail together fail), then
 * turn them into `migrate` steps: live for a running VM, cold for a shut-off one, ordered so that a
 * host is emptied before it is filled when it could not hold both at once.
 */
export function checkMoves(
  moves: readonly WantedMove[],
  fleet: PlanningView,
  options: CheckOptions = {},
): MoveCheck {
  const names = createNamer(fleet);
  const input = options.input ?? moveInput(fleet);
  const inInput = new Set(input.hosts.map((h) => h.id));
  const unplaced: UnplacedReview[] = [];
  const refuse = (vm: Vm, why: Reason[], reasons: string[], suggestions: string[]): void => {
    unplaced.push({ vmName: vm.name, why, reasons, suggestions, ...appOf(vm) });
  };

  const movableOnes: WantedMove[] = [];
  for (const move of moves) {
    const problem = movable(move, fleet, inInput);
    if (problem) {
      const fix = reasonFix(problem, names);
      refuse(move.vm, [problem], [reasonWords(problem, names)], fix ? [fix] : []);
    } else movableOnes.push(move);
  }
  // The disks only the source has, checked as one set against the targets' pools, exactly (pool
  // by pool): the engine below weighs each host's pools as one figure.
  const pools = new Map(fleet.hosts.map((h) => [h.config.id, h.facts?.value.pools]));
  const diskChecks = checkDiskCopies(
    movableOnes.map((m) => ({ vm: m.vm, to: m.to, live: isLive(m.vm) })),
    (host) => pools.get(host),
    fleet.poolVolumes === undefined
      ? undefined
      : {
          names: (host, pool) => fleet.poolVolumes?.get(`${host}\n${pool}`),
          vms: fleet.vms,
        },
  );
  const weighable: WantedMove[] = [];
  const copies = new Map<string, DiskCopyData[]>();
  movableOnes.forEach((move, i) => {
    const disks = diskChecks[i];
    if (disks === undefined || disks.ok) {
      if (disks && disks.copies.length > 0) copies.set(move.vm.id, disks.copies);
      weighable.push(move);
      return;
    }
    const fix = reasonFix(disks.reason, names);
    refuse(move.vm, [disks.reason], [reasonWords(disks.reason, names)], fix ? [fix] : []);
  });
  const session = createWhatIfSession(input);
  let answer: WhatIfAnswer | undefined;
  if (weighable.length > 0) {
    answer = whatIf(
      session,
      weighable.map((m) => ({ vm: m.vm.id, host: m.to })),
    );
    const scene = refusalScene(fleet, names);
    answer.moves.forEach((verdict, i) => {
      const move = weighable[i];
      if (!move || verdict.ok) return;
      const ends = { from: move.vm.hostId, to: move.to };
      refuse(
        move.vm,
        verdict.refusals,
        verdict.refusals.map((r) => moveRefusalWords(r, ends, scene)),
        unique(verdict.refusals.map((r) => refusalFix(r.code, ends, scene, true))),
      );
    });
  }
  if (unplaced.length > 0 || answer === undefined) return { ok: false, unplaced };

  const steps = weighable.map((move) => migrateStep(move, names, copies.get(move.vm.id)));
  const order = orderMoves(session, steps);
  if (!order.ok) {
    return {
      ok: false,
      unplaced: order.cycle.map((s) => {
        const vm = weighable.find((m) => m.vm.id === s.vmId)?.vm;
        const why: Reason = { code: 'order-cycle', host: s.targetHostId ?? '' };
        const fix = reasonFix(why, names);
        return {
          vmName: s.vmName,
          why: [why],
          reasons: [reasonWords(why, names)],
          suggestions: fix ? [fix] : [],
          ...(vm ? appOf(vm) : {}),
        };
      }),
    };
  }
  // After each live move that copied pool volumes, the source's stale copies go, so that the VM
  // can move back (libvirt would reuse and write over them). Each waits for its move, done only
  // once the VM runs on the target and is no longer on the source; a volume another domain of the
  // source still uses is kept.
  for (const move of weighable) {
    const migrate = steps.find((s) => s.vmId === move.vm.id && s.kind === 'migrate');
    if (migrate) steps.push(...staleCopySteps(move, migrate, fleet, names));
  }
  const headroom = new Map(answer.headroom.map((h) => [h.host, h]));
  const review = weighable.map((move): PlacementReview => {
    const live = isLive(move.vm);
    const room = headroom.get(move.to);
    const disks = copies.get(move.vm.id);
    return {
      vmId: move.vm.id,
      vmName: move.vm.name,
      hostId: move.to,
      fromHostId: move.vm.hostId,
      reason: room ? headroomWords(names.host(move.to), room) : `moves to ${names.host(move.to)}`,
      runnersUp: options.runnersUp?.get(move.vm.id) ?? [],
      live,
      estimatedSeconds: estimateMigrationSeconds(
        move.vm.memoryMiB,
        live,
        fleet.hosts.find((h) => h.config.id === move.vm.hostId)?.config.migrationBandwidthMiBs,
        (disks ?? []).reduce((sum, d) => sum + (d.bytes ?? 0), 0) / 1024 ** 2,
      ),
      ...(disks === undefined ? {} : { disks }),
      ...appOf(move.vm),
    };
  });
  return {
    ok: true,
    steps,
    review,
    warnings: softRuleWarnings(session, weighable).map((r) => reasonWords(r, names)),
  };
}

/** A running (or paused) VM moves live; a shut-off or crashed one moves cold. */
export function isLive(vm: Vm): boolean {
  return isActive(vm.state);
}

function migrateStep(move: WantedMove, names: Namer, disks?: DiskCopyData[]): PlanStep {
  const { vm } = move;
  const live = isLive(vm);
  const how = live ? 'live' : 'cold: it is shut off';
  return step('migrate', {
    label: `Move ${vm.name} from ${names.host(vm.hostId)} to ${names.host(move.to)} (${disks ? `${how}, ${diskCopyWords(disks)}` : how})`,
    hostId: vm.hostId,
    vmId: vm.id,
    vmName: vm.name,
    targetHostId: move.to,
    live,
    ...(disks === undefined ? {} : { disks }),
    ...appOf(vm),
  });
}

/** `volume-delete` steps on the source for the pool volumes `migrate` copied (see checkMoves). */
function staleCopySteps(
  move: WantedMove,
  migrate: PlanStep,
  fleet: PlanningView,
  names: Namer,
): PlanStep[] {
  const { vm } = move;
  if (migrate.live !== true) return [];
  const copied = new Set((migrate.disks ?? []).map((d) => d.target));
  const sourcePools = fleet.hosts.find((h) => h.config.id === vm.hostId)?.facts?.value.pools;
  const others = fleet.vms.filter((v) => v.hostId === vm.hostId && v.id !== vm.id);
  const from = names.host(vm.hostId);
  return (vm.disks ?? []).flatMap((disk): PlanStep[] => {
    // A file disk was copied only from inside a pool of the source (the check refuses others):
    // it is that pool's volume of its file name.
    const pool =
      poolOf(disk, sourcePools)?.name ?? (disk.kind === 'volume' ? disk.pool : undefined);
    const name = copyName(disk);
    if (disk.kind === 'block' || !copied.has(disk.target) || !pool || !name) return [];
    // Whether another domain of the source names it as a volume or as a file in the pool's
    // directory (virt-manager writes file disks into pools): either way it is in use.
    const where = (d: VmDiskRef): string =>
      `${poolOf(d, sourcePools)?.name ?? (d.kind === 'volume' ? (d.pool ?? '') : '')}\n${copyName(d)}`;
    const used = others.some((o) =>
      (o.disks ?? []).some(
        (d) => d.kind !== 'block' && (where(d) === where(disk) || sameDisk(d, disk)),
      ),
    );
    if (used) return [];
    return [
      step('volume-delete', {
        label: `Remove ${from}'s copy of ${disk.target} after the move (volume “${name}” of pool “${pool}”)`,
        hostId: vm.hostId,
        vmId: vm.id,
        vmName: vm.name,
        volume: { pool, name },
        after: [migrate.id],
        ...appOf(vm),
      }),
    ];
  });
}

function sameDisk(a: VmDiskRef, b: VmDiskRef): boolean {
  return a.kind === 'volume' || b.kind === 'volume'
    ? a.kind === b.kind && a.pool === b.pool && a.volume === b.volume
    : a.path === b.path;
}

/** What the refusal words read of the fleet, built once per check. */
function refusalScene(fleet: PlanningView, names: Namer): RefusalScene {
  return {
    paths: fleet.paths,
    hostById: new Map<string, Host>(fleet.hosts.map((h) => [h.config.id, h])),
    names,
  };
}

/** What stops a move before the engine is asked: the hosts' state, the VM's state. */
function movable(
  move: WantedMove,
  fleet: PlanningView,
  inInput: ReadonlySet<string>,
): Reason | undefined {
  const { vm, to } = move;
  const source = fleet.hosts.find((h) => h.config.id === vm.hostId);
  const target = fleet.hosts.find((h) => h.config.id === to);
  if (!target) return { code: 'no-such-host', host: to };
  if (source?.state !== 'connected') {
    return { code: 'source-unusable', host: vm.hostId, ...(source ? { state: source.state } : {}) };
  }
  if (target.state !== 'connected') return { code: 'host-unusable', host: to, state: target.state };
  if (!inInput.has(to) || !inInput.has(vm.hostId)) {
    return { code: 'no-facts', host: inInput.has(to) ? vm.hostId : to };
  }
  if (vm.state === 'shutting-down') return { code: 'vm-state', vm: vm.id, state: vm.state };
  if (!isLive(vm) && vm.state !== 'shutoff' && vm.state !== 'crashed') {
    return { code: 'vm-state', vm: vm.id, state: vm.state };
  }
  if (!isLive(vm) && !vm.persistent) return { code: 'vm-transient', vm: vm.id };
  return undefined;
}

function appOf(vm: Vm): Pick<UnplacedReview, 'application'> {
  return vm.application === undefined ? {} : { application: vm.application };
}

function unique(items: readonly (string | undefined)[]): string[] {
  return [...new Set(items.filter((s): s is string => s !== undefined))];
}
