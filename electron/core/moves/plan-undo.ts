import type { HostId } from '../../../shared/domain/ids';
import type { Plan, Proposal, UnplacedReview } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { createNamer } from '../../../shared/words/namer';
import type { Reason } from '../../../shared/domain/reason';
import { reasonFix } from '../../../shared/words/refusal-words';
import { reasonWords } from '../../../shared/words/reasons';
import { newPlan } from '../plans/plan-builder';
import { checkMoves, type WantedMove } from './move-check';
import type { PlanningView } from '../context/planning-view';

const UNDOABLE: ReadonlySet<Plan['kind']> = new Set(['move', 'evacuate', 'undo']);

/**
 * plans:plan-undo: every VM a finished move, evacuation or undo migrated goes back where it came
 * from, checked against the fleet as it is NOW (as one set, like any move): a VM moved elsewhere
 * since, or removed, is refused in words, since sending it "back" would be a new decision.
 */
export function planUndo(
  done: Plan,
  fleet: PlanningView,
  options: { concurrency?: number } = {},
): Proposal {
  if (!UNDOABLE.has(done.kind)) {
    throw new AppError(
      'invalid-request',
      `a ${done.kind} plan cannot be undone by moving VMs back`,
    );
  }
  if (done.status !== 'done') {
    throw new AppError(
      'invalid-request',
      `it is ${done.status}: only a finished plan is undone (a failed or cancelled one is rolled back)`,
    );
  }
  const migrated = done.steps.filter(
    (s) => s.kind === 'migrate' && s.status === 'done' && s.targetHostId !== undefined,
  );
  if (migrated.length === 0) throw new AppError('invalid-request', 'it moved no VM');
  // A VM removed since is named as the plan named it.
  const names = createNamer(fleet, new Map(migrated.map((s) => [s.vmId as string, s.vmName])));
  const say = (why: Reason, vmName: string): UnplacedReview => {
    const fix = reasonFix(why, names);
    return {
      vmName,
      why: [why],
      reasons: [reasonWords(why, names)],
      suggestions: fix ? [fix] : [],
    };
  };
  const byId = new Map(fleet.vms.map((vm) => [vm.id as string, vm]));
  const wanted: WantedMove[] = [];
  const unplaced: UnplacedReview[] = [];
  for (const s of migrated) {
    const vm = byId.get(s.vmId);
    const movedTo = s.targetHostId as HostId;
    if (!vm) {
      unplaced.push(say({ code: 'vm-gone', vm: s.vmId }, s.vmName));
    } else if (vm.hostId !== movedTo) {
      const why: Reason = {
        code: 'vm-moved',
        vm: vm.id,
        host: vm.hostId,
        expected: movedTo,
        origin: s.hostId,
      };
      unplaced.push(say(why, vm.name));
    } else {
      wanted.push({ vm, to: s.hostId });
    }
  }
  const check = wanted.length > 0 ? checkMoves(wanted, fleet) : undefined;
  if (unplaced.length > 0 || !check?.ok) {
    const all = [...unplaced, ...(check && !check.ok ? check.unplaced : [])];
    return {
      ok: false,
      message: `Couldn't undo "${done.title}": ${all.length} of its ${migrated.length} VM${migrated.length === 1 ? '' : 's'} cannot go back; nothing was moved`,
      unplaced: all,
    };
  }
  return {
    ok: true,
    plan: newPlan({
      kind: 'undo',
      title: `Undo: ${done.title}`,
      steps: check.steps,
      concurrency: options.concurrency ?? done.concurrency,
      extra: {
        reverses: done.id,
        review: check.review,
        ...(check.warnings.length > 0 ? { warnings: check.warnings } : {}),
      },
    }),
  };
}
