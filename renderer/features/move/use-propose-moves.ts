import { useCallback } from 'react';
import type { VmMove } from '../../../shared/contract/requests';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useAskBefore } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';
import { useDragStore } from './drag-store';
import type { MoveContext } from './move-context';

/** Migrations run at once, at most, for a set moved together. */
export const MOVE_CONCURRENCY = 2;

/**
 * Asks the core to plan moving these VMs to one host (checked there as one set), then opens the
 * plan's review, which is the drop's confirmation (or, with that confirmation turned off in the
 * settings, approves it); a refusal is shown in the core's words. Resolves true when a plan came.
 */
export function useProposeMoves(): (
  ctx: MoveContext,
  vmIds: readonly string[],
  toHostId: string,
) => Promise<boolean> {
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const notify = useDragStore((s) => s.notify);
  const askBeforeMoves = useAskBefore('moves');
  return useCallback(
    async (ctx, vmIds, toHostId) => {
      const moves: VmMove[] = [];
      for (const id of vmIds) {
        const vm = ctx.vmById.get(id);
        if (vm && vm.hostId !== toHostId) {
          moves.push({ vmId: vm.id, fromHostId: vm.hostId, toHostId: toHostId as HostId });
        }
      }
      const target = ctx.names.host(toHostId);
      const what =
        moves.length === 1 ? ctx.names.vm(moves[0]?.vmId as VmId) : `${moves.length} VMs`;
      if (moves.length === 0) return false;
      try {
        const proposal = await client.call('vms:plan-moves', {
          moves,
          concurrency: MOVE_CONCURRENCY,
        });
        if (proposal.ok) {
          writePlan(proposal.plan);
          // Asked not to review moves: the plan the core checked runs as it stands.
          if (askBeforeMoves) openReview(proposal.plan.id);
          else writePlan(await client.call('plans:approve', { planId: proposal.plan.id }));
          return true;
        }
        notify({
          tone: 'danger',
          title: proposal.message,
          reasons: proposal.unplaced.flatMap((u) =>
            u.reasons.map((r) => (moves.length > 1 ? `${u.vmName}: ${r}` : r)),
          ),
          ...firstSuggestion(proposal.unplaced),
        });
      } catch (thrown) {
        const error = AppError.from(thrown);
        notify({
          tone: 'danger',
          title: `Couldn't plan moving ${what} to ${target}`,
          reasons: [error.message],
        });
      }
      return false;
    },
    [client, writePlan, openReview, notify, askBeforeMoves],
  );
}

function firstSuggestion(unplaced: readonly { suggestions: readonly string[] }[]) {
  const fix = unplaced.flatMap((u) => u.suggestions)[0];
  return fix === undefined ? {} : { fix };
}
