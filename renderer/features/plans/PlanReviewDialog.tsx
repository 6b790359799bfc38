import { useMutation } from '@tanstack/react-query';
import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { usePlans } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { PLAN_KIND_WORD, PLAN_STATUS_VIEW } from './plan-words';
import { ReviewTable } from './ReviewTable';
import { PowerSummary } from '../vm-power/PowerSummary';
import { StepList } from './StepList';
import { useNamer } from './use-host-names';
import { usePlanWriter } from './use-plan-writer';
import './plans.css';

/**
 * The review of any plan (deploy, start/stop, delete, move, evacuation, undo, rollback): where each
 * VM goes and why, the warnings, the steps in order; Approve runs it, Discard drops it.
 */
export function PlanReviewDialog() {
  const planId = useUiStore((s) => s.reviewPlanId);
  const close = useUiStore((s) => s.closeReview);
  const plans = usePlans();
  const plan = plans.data?.find((p) => p.id === planId);
  if (planId === null) return null;
  if (!plan) {
    return (
      <Dialog title="Plan" onClose={close} testId="plan-review">
        {plans.isPending ? (
          <p className="muted">Loading the plan…</p>
        ) : (
          <p>This plan is no longer known to the console.</p>
        )}
      </Dialog>
    );
  }
  return <Review key={plan.id} plan={plan} onClose={close} />;
}

function Review(props: { plan: Plan; onClose: () => void }) {
  const { plan, onClose } = props;
  const client = useClient();
  const writePlan = usePlanWriter();
  const names = useNamer();
  const approve = useMutation({
    mutationFn: () => client.call('plans:approve', { planId: plan.id }),
    onSuccess: (approved) => {
      writePlan(approved);
      // No panel opens by itself (it would reflow the topology mid-move): progress shows under
      // the moving cards and in the top bar's plan count.
      onClose();
    },
  });
  const discard = useMutation({
    mutationFn: () => client.call('plans:discard', { planId: plan.id }),
    onSuccess: (discarded) => {
      writePlan(discarded);
      onClose();
    },
  });
  const reviewing = plan.status === 'review';
  const busy = approve.isPending || discard.isPending;
  const failure = approve.error ?? discard.error;
  const status = PLAN_STATUS_VIEW[plan.status];
  return (
    <Dialog
      title={plan.title}
      onClose={onClose}
      testId="plan-review"
      width="wide"
      footer={
        reviewing ? (
          <>
            <Button onClick={onClose} disabled={busy}>
              Decide later
            </Button>
            <Button
              variant="danger"
              onClick={() => discard.mutate()}
              busy={discard.isPending}
              disabled={busy}
              data-testid="discard-plan"
            >
              Discard
            </Button>
            <Button
              variant="primary"
              onClick={() => approve.mutate()}
              busy={approve.isPending}
              disabled={busy}
              data-testid="approve-plan"
              data-autofocus
            >
              Approve and run
            </Button>
          </>
        ) : (
          <Button onClick={onClose}>Close</Button>
        )
      }
    >
      <div className="review-body" data-plan-kind={plan.kind} data-status={plan.status}>
        <p className="muted">
          {PLAN_KIND_WORD[plan.kind]} · {plan.steps.length} step{plan.steps.length === 1 ? '' : 's'}
          , at most {plan.concurrency} at once
          {reviewing ? '' : ` · ${status.label}`}
        </p>
        {!reviewing && (
          <p className="review-note" data-testid="review-not-open">
            This plan is no longer waiting for approval ({status.label.toLowerCase()}); its progress
            is in the Plans panel.
          </p>
        )}
        <PowerSummary plan={plan} />
        {plan.warnings && plan.warnings.length > 0 && (
          <ul className="plan-warnings" data-testid="plan-warnings">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {plan.review && plan.review.length > 0 && <ReviewTable rows={plan.review} names={names} />}
        <h3 className="section-title">Steps, in order</h3>
        <StepList steps={plan.steps} />
        {failure && (
          <ErrorNotice
            title={
              approve.error ? `Couldn't start ${plan.title}` : `Couldn't discard ${plan.title}`
            }
            error={AppError.from(failure)}
            testId="plan-review-error"
          />
        )}
      </div>
    </Dialog>
  );
}
