import { useMutation } from '@tanstack/react-query';
import type { Host } from '../../../shared/domain';
import type { Proposal } from '../../../shared/domain/plan';
import { useClient } from '../../api/api-context';
import { useFleetWriter } from '../../api/use-fleet-writer';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';

/** An evacuation the engine could not plan: the host is in maintenance, its VMs stay. */
export type RefusedEvacuation = Extract<Proposal, { ok: false }>;

/**
 * Enter or leave maintenance. Entering marks the host at once (it takes no new VMs) and opens the
 * review of its evacuation; when no evacuation can be planned, `refused` says why.
 */
export function useMaintenance(host: Host) {
  const client = useClient();
  const writer = useFleetWriter();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  return useMutation({
    mutationFn: (maintenance: boolean) =>
      client.call('hosts:set-maintenance', { hostId: host.config.id, maintenance }),
    onSuccess: ({ host: updated, evacuation }) => {
      writer.upsertHost(updated);
      if (evacuation?.ok) {
        writePlan(evacuation.plan);
        openReview(evacuation.plan.id);
      } else if (evacuation?.partial) {
        // Not opened: the admin first reads what stays and why, then chooses "Move what fits".
        writePlan(evacuation.partial);
      }
    },
  });
}
