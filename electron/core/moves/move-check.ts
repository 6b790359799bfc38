import type { HostId } from '../../../shared/domain/ids';
import type { PlacementReview, PlanStep, UnplacedReview } from '../../../shared/domain/plan';
import { isActive, type Vm } from '../../../shared/domain/vm';
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

  const weighable: WantedMove[] = [];
  for (const move of moves) {
    const problem = movable(move, fleet, inInput);
    if (problem) {
      const fix = reasonFix(problem, names);
      refuse(move.vm, [problem], [reasonWords(problem, names)], fix ? [fix] : []);
    } else weighable.push(move);
  }
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

  const steps = weighable.map((move) => migrateStep(move, names));
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
  const headroom = new Map(answer.headroom.map((h) => [h.host, h]));
  const review = weighable.map((move): PlacementReview => {
    const live = isLive(move.vm);
    const room = headroom.get(move.to);
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
      ),
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

function migrateStep(move: WantedMove, names: Namer): PlanStep {
  const { vm } = move;
  const live = isLive(vm);
  return step('migrate', {
    label: `Move ${vm.name} from ${names.host(vm.hostId)} to ${names.host(move.to)} (${live ? 'live' : 'cold: it is shut off'})`,
    hostId: vm.hostId,
    vmId: vm.id,
    vmName: vm.name,
    targetHostId: move.to,
    live,
    ...appOf(vm),
  });
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
