import { useState } from 'react';
import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { formatClock, plural } from '../../../shared/words';
import { useUiStore } from '../../app/ui-store';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { CannotPlanDialog } from './CannotPlanDialog';
import { PLAN_KIND_WORD, PLAN_STATUS_VIEW, attentionWords } from './plan-words';
import { StepList } from './StepList';
import { PowerSummary } from '../vm-power/PowerSummary';
import { usePlanActions } from './use-plan-actions';

const UNDOABLE = new Set<Plan['kind']>(['move', 'evacuate']);

/** One plan in the Plans panel: status, why it waits, its steps, and what the admin can do now. */
export function PlanRow(props: { plan: Plan; open: boolean }) {
  const { plan } = props;
  // Open by default while the plan needs watching; once the admin toggles it, their choice holds.
  const [toggled, setToggled] = useState<boolean | null>(null);
  const expanded = toggled ?? props.open;
  const openReview = useUiStore((s) => s.openReview);
  const { act, undo, refused, clearRefused, failure } = usePlanActions(plan);
  const status = PLAN_STATUS_VIEW[plan.status];
  const attention = attentionWords(plan);
  const done = plan.steps.filter((s) => s.status === 'done').length;
  const busy = act.isPending || undo.isPending;
  const recoverable = plan.status === 'interrupted' || plan.status === 'failed';
  return (
    <li
      className={`plan-row plan-${plan.status}`}
      data-testid="plan-row"
      data-plan-id={plan.id}
      data-plan-kind={plan.kind}
      data-status={plan.status}
    >
      <div className="plan-head">
        <button
          type="button"
          className="plan-toggle"
          aria-expanded={expanded}
          onClick={() => setToggled(!expanded)}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          <span className="plan-title">{plan.title}</span>
        </button>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className="small muted">
        {PLAN_KIND_WORD[plan.kind]} · {done} of {plural(plan.steps.length, 'step')} done ·{' '}
        {formatClock(plan.updatedAt)}
      </p>
      {attention && (
        <p className="plan-attention" data-testid="plan-attention">
          {attention}
        </p>
      )}
      {plan.error && <ErrorNotice error={AppError.fromData(plan.error)} testId="plan-error" />}
      {expanded && <PowerSummary plan={plan} />}
      {expanded && <StepList steps={plan.steps} />}
      <div className="button-row">
        {plan.status === 'review' && (
          <Button
            size="small"
            variant="primary"
            onClick={() => openReview(plan.id)}
            data-testid="review-plan"
          >
            Review…
          </Button>
        )}
        {plan.status === 'running' && (
          <Button
            size="small"
            onClick={() => act.mutate('cancel')}
            busy={act.isPending}
            disabled={busy}
            data-testid="cancel-plan"
          >
            Cancel
          </Button>
        )}
        {recoverable && (
          <Button
            size="small"
            variant="primary"
            onClick={() => act.mutate('resume')}
            disabled={busy}
            data-testid="resume-plan"
          >
            Resume
          </Button>
        )}
        {(recoverable || plan.status === 'cancelled') && (
          <Button
            size="small"
            variant="danger"
            onClick={() => act.mutate('rollback')}
            disabled={busy}
            data-testid="rollback-plan"
          >
            Roll back
          </Button>
        )}
        {plan.status === 'done' && UNDOABLE.has(plan.kind) && (
          <Button
            size="small"
            onClick={() => undo.mutate()}
            busy={undo.isPending}
            disabled={busy}
            data-testid="undo-plan"
          >
            Undo…
          </Button>
        )}
      </div>
      {failure && (
        <ErrorNotice title={failure.title} error={failure.error} testId="plan-action-error" />
      )}
      {refused && (
        <CannotPlanDialog
          title={`Cannot undo ${plan.title}`}
          message={refused.message}
          unplaced={refused.unplaced}
          onClose={clearRefused}
        />
      )}
    </li>
  );
}
