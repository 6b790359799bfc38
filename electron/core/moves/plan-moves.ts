import type { VmMove } from '../../../shared/contract/requests';
import type { Proposal, UnplacedReview } from '../../../shared/domain/plan';
import type { Reason } from '../../../shared/domain/reason';
import { createNamer, type Namer } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';
import { reasonWords } from '../../../shared/words/reasons';
import { reasonFix } from '../../../shared/words/refusal-words';
import { newPlan } from '../plans/plan-builder';
import { durationWords } from './migration-estimate';
import { checkMoves, type WantedMove } from './move-check';
import type { PlanningView } from '../context/planning-view';

/**
 * vms:plan-moves: the moves the admin asked for (a drag, "Move to…"), checked as one set, as a
 * `move` plan to review, or refused with every reason and what to do about it. Nothing is moved.
 */
export function planMoves(
  moves: readonly VmMove[],
  fleet: PlanningView,
  options: { concurrency?: number } = {},
): Proposal {
  const names = createNamer(fleet);
  const wanted: WantedMove[] = [];
  const unplaced: UnplacedReview[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const move of moves) {
    const vm = fleet.vms.find((v) => v.id === move.vmId);
    const label = vm?.name ?? names.vm(move.vmId);
    const refuse = (why: Reason): void => {
      const fix = reasonFix(why, names);
      unplaced.push({
        vmName: label,
        why: [why],
        reasons: [reasonWords(why, names)],
        suggestions: fix ? [fix] : [],
      });
    };
    if (seen.has(move.vmId)) {
      refuse({ code: 'move-twice', vm: move.vmId });
      continue;
    }
    seen.add(move.vmId);
    if (!vm) {
      refuse({ code: 'vm-gone', vm: move.vmId });
    } else if (vm.hostId !== move.fromHostId) {
      refuse({ code: 'vm-elsewhere', vm: vm.id, host: vm.hostId, expected: move.fromHostId });
    } else if (move.toHostId === vm.hostId) {
      warnings.push(planNoteWords({ code: 'already-there', vm: vm.id, host: vm.hostId }, names));
    } else {
      wanted.push({ vm, to: move.toHostId });
    }
  }
  if (unplaced.length === 0 && wanted.length === 0) {
    return { ok: false, message: 'Nothing to move: every VM is already there', unplaced: [] };
  }
  const check =
    wanted.length > 0 ? checkMoves(wanted, fleet) : ({ ok: false, unplaced: [] } as const);
  if (unplaced.length > 0 || !check.ok) {
    const all = [...unplaced, ...(check.ok ? [] : check.unplaced)];
    return { ok: false, message: refusedMessage(moves.length, all, wanted, names), unplaced: all };
  }
  const total = check.review.reduce((sum, r) => sum + (r.estimatedSeconds ?? 0), 0);
  const concurrency = options.concurrency ?? 2;
  return {
    ok: true,
    plan: newPlan({
      kind: 'move',
      title: moveTitle(wanted, names),
      steps: check.steps,
      concurrency,
      extra: {
        review: check.review,
        warnings: [
          ...warnings,
          ...check.warnings,
          ...(wanted.length > 1
            ? [
                `${wanted.length} migrations, ${Math.min(concurrency, wanted.length)} at a time: ${durationWords(total / Math.min(concurrency, wanted.length))} in all`,
              ]
            : []),
        ],
      },
    }),
  };
}

function moveTitle(wanted: readonly WantedMove[], names: Namer): string {
  const targets = [...new Set(wanted.map((m) => m.to))].map((id) => names.host(id));
  const first = wanted[0];
  if (wanted.length === 1 && first) {
    return `Move ${first.vm.name} from ${names.host(first.vm.hostId)} to ${targets[0] ?? ''}`;
  }
  return `Move ${wanted.length} VMs to ${targets.join(', ')}`;
}

/** "Couldn't move web-1 to hv3: to hv3: host is in maintenance" or a count for several. */
function refusedMessage(
  asked: number,
  unplaced: readonly UnplacedReview[],
  wanted: readonly WantedMove[],
  names: Namer,
): string {
  const first = unplaced[0];
  if (asked === 1 && first) {
    const target = wanted[0] ? names.host(wanted[0].to) : undefined;
    const reason = first.reasons[0] ?? 'refused';
    // The reason names the target already ("to hv3: host is in maintenance"): say it once.
    const prefix = `to ${target ?? ''}: `;
    const why =
      target !== undefined && reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
    return `Couldn't move ${first.vmName}${target === undefined ? '' : ` to ${target}`}: ${why}`;
  }
  return `${unplaced.length} of the ${asked} moves ${unplaced.length === 1 ? 'is' : 'are'} refused; nothing was moved`;
}
