import { useCallback } from 'react';
import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { usePlans } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';
import { useDragStore } from './drag-store';

const UNDOABLE: ReadonlySet<Plan['kind']> = new Set(['move', 'evacuate', 'undo']);

/** The plan "Undo last move" reverses: the latest finished move, evacuation or undo. */
export function lastUndoable(plans: readonly Plan[] | undefined): Plan | undefined {
  let best: Plan | undefined;
  for (const plan of plans ?? []) {
    if (!UNDOABLE.has(plan.kind) || plan.status !== 'done') continue;
    if (!best || plan.updatedAt > best.updatedAt) best = plan;
  }
  return best;
}

/**
 * Undo the last move: the core re-checks the way back against the fleet now and proposes it for
 * review; a refusal (a VM moved since, no room) is shown in its words.
 */
export function useUndoLastMove(): { last: Plan | undefined; undo: () => Promise<void> } {
  const client = useClient();
  const { data: plans } = usePlans();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const notify = useDragStore((s) => s.notify);
  const last = lastUndoable(plans);
  const undo = useCallback(async () => {
    if (!last) {
      notify({ tone: 'info', title: 'Nothing to undo: no move has finished yet', reasons: [] });
      return;
    }
    try {
      const proposal = await client.call('plans:plan-undo', { planId: last.id });
      if (proposal.ok) {
        writePlan(proposal.plan);
        openReview(proposal.plan.id);
        return;
      }
      notify({
        tone: 'danger',
        title: proposal.message,
        reasons: proposal.unplaced.flatMap((u) => u.reasons),
        ...(proposal.unplaced[0]?.suggestions[0] === undefined
          ? {}
          : { fix: proposal.unplaced[0].suggestions[0] }),
      });
    } catch (thrown) {
      notify({
        tone: 'danger',
        title: `Couldn't undo "${last.title}"`,
        reasons: [AppError.from(thrown).message],
      });
    }
  }, [client, last, notify, openReview, writePlan]);
  return { last, undo };
}
