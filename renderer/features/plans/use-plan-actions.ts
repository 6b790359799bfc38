import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Plan, Proposal } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from './use-plan-writer';

type Act = 'cancel' | 'resume' | 'rollback';
const CHANNEL = {
  cancel: 'plans:cancel',
  resume: 'plans:resume',
  rollback: 'plans:rollback',
} as const;
const WORD = { cancel: 'cancel', resume: 'resume', rollback: 'roll back' } as const;

/** Cancel, resume, roll back or undo one plan, with the answer written to the cache at once. */
export function usePlanActions(plan: Plan) {
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const [refused, setRefused] = useState<Extract<Proposal, { ok: false }> | null>(null);
  const act = useMutation({
    mutationFn: (what: Act) => client.call(CHANNEL[what], { planId: plan.id }),
    onSuccess: writePlan,
  });
  const undo = useMutation({
    mutationFn: () => client.call('plans:plan-undo', { planId: plan.id }),
    onMutate: () => setRefused(null),
    onSuccess: (proposal) => {
      if (proposal.ok) {
        writePlan(proposal.plan);
        openReview(proposal.plan.id);
      } else setRefused(proposal);
    },
  });
  const failed = act.error ?? undo.error;
  const title = act.error
    ? `Couldn't ${WORD[act.variables ?? 'cancel']} ${plan.title}`
    : `Couldn't undo ${plan.title}`;
  return {
    act,
    undo,
    refused,
    clearRefused: () => setRefused(null),
    failure: failed ? { title, error: AppError.from(failed) } : null,
  };
}
