import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HostId } from '../../../shared/domain/ids';
import type { RecoveryProposal, RecoveryRequest } from '../../../shared/domain/recovery';
import { useClient } from '../../api/api-context';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';

/**
 * The recovery dialog's talk with the core. `check` asks the gate and the plan once on open and on
 * "Check again" (never on a timer: a proposal that passes the gate is journaled each time).
 * `recover` passes the gate (powering off through the BMC, or the admin's typed name) and approves
 * the plan that comes back, which then runs like every other: progress in the Plans panel. A gate
 * that still refuses leaves the dialog open with the new proposal, whose words say why.
 */
export function useRecovery(hostId: HostId) {
  const client = useClient();
  const writePlan = usePlanWriter();
  const close = useUiStore((s) => s.closeRecovery);
  const showPlans = useUiStore((s) => s.setSidePanelOpen);
  const [proposal, setProposal] = useState<RecoveryProposal | undefined>();

  const check = useMutation({
    mutationFn: () => client.call('recovery:propose', { hostId }),
    onSuccess: (answer) => {
      setProposal(answer);
      if (answer.blocked === undefined && answer.plan) writePlan(answer.plan);
    },
  });
  const checkNow = check.mutate;
  useEffect(() => checkNow(), [checkNow]);

  const recover = useMutation({
    mutationFn: async (how: Omit<RecoveryRequest, 'hostId'>) => {
      // A proposal already through the gate (its BMC said off) is journaled: approve that one.
      const passed =
        proposal?.blocked === undefined && proposal?.plan && how.fence !== true
          ? proposal
          : await client.call('recovery:propose', { hostId, ...how });
      setProposal(passed);
      if (passed.blocked !== undefined || !passed.plan) return undefined;
      writePlan(passed.plan);
      return client.call('plans:approve', { planId: passed.plan.id });
    },
    onSuccess: (approved) => {
      if (!approved) return;
      writePlan(approved);
      close();
      showPlans(true);
    },
  });
  return { proposal, check, recover };
}
