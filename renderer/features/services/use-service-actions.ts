import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { Plan, Proposal } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useAskBefore } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { usePlanWriter } from '../plans/use-plan-writer';

/**
 * Deploy, start, stop and delete one service. Each answers with a plan: one to review opens the
 * review dialog, one already running shows in the Plans panel; a deploy the engine refused keeps
 * its reasons for the "cannot deploy" dialog. Delete asks first, naming what its plan destroys.
 */
export function useServiceActions(bundle: ServiceBundle) {
  const client = useClient();
  const writePlan = usePlanWriter();
  const openReview = useUiStore((s) => s.openReview);
  const openSidePanel = useUiStore((s) => s.setSidePanelOpen);
  const serviceId = bundle.service.id;
  const name = bundle.service.name;
  const [refused, setRefused] = useState<Extract<Proposal, { ok: false }> | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const [failed, setFailed] = useState<{ title: string; error: AppError } | null>(null);
  const fail = (title: string) => (thrown: unknown) =>
    setFailed({ title, error: AppError.from(thrown) });
  const show = (plan: Plan) => {
    writePlan(plan);
    if (plan.status === 'review') openReview(plan.id);
    else openSidePanel(true);
  };

  const deploy = useMutation({
    mutationFn: () => client.call('services:plan-deploy', { serviceId }),
    onMutate: () => setFailed(null),
    onSuccess: (proposal) => (proposal.ok ? show(proposal.plan) : setRefused(proposal)),
    onError: fail(`Couldn't plan the deployment of ${name}`),
  });
  const start = useMutation({
    mutationFn: () => client.call('services:start', { serviceId }),
    onMutate: () => setFailed(null),
    onSuccess: show,
    onError: fail(`Couldn't start service ${name}`),
  });
  const stop = useMutation({
    mutationFn: () => client.call('services:stop', { serviceId }),
    onMutate: () => setFailed(null),
    onSuccess: show,
    onError: fail(`Couldn't stop service ${name}`),
  });
  const askBeforeDelete = useAskBefore('delete');
  const planDelete = useMutation({
    mutationFn: () => client.call('services:plan-delete', { serviceId }),
    onMutate: () => setFailed(null),
    onSuccess: (plan) => {
      writePlan(plan);
      // Without the question, the plan the core proposed is approved as it stands.
      if (askBeforeDelete) setDeleting(plan);
      else confirmDelete.mutate(plan.id);
    },
    onError: fail(`Couldn't plan the deletion of ${name}`),
  });
  const confirmDelete = useMutation({
    mutationFn: (planId: Plan['id']) => client.call('plans:approve', { planId }),
    onSuccess: (plan) => {
      setDeleting(null);
      show(plan);
    },
    onError: fail(`Couldn't delete service ${name}`),
  });
  const cancelDelete = () => {
    const plan = deleting;
    setDeleting(null);
    // The proposal is dropped, not left waiting in the Plans panel.
    if (plan)
      void client.call('plans:discard', { planId: plan.id }).then(writePlan, () => undefined);
  };
  return {
    deploy,
    start,
    stop,
    planDelete,
    confirmDelete,
    cancelDelete,
    deleting,
    refused,
    clearRefused: () => setRefused(null),
    failed,
    busy:
      deploy.isPending ||
      start.isPending ||
      stop.isPending ||
      planDelete.isPending ||
      confirmDelete.isPending,
  };
}
