import type { PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { STEP_VIEW, dependencyWords } from './plan-words';

/** A plan's steps in order: status icon and word, what each waits for, progress, notes, errors. */
export function StepList(props: { steps: readonly PlanStep[]; showDependencies?: boolean }) {
  const { steps } = props;
  return (
    <ol className="step-list">
      {steps.map((step) => {
        const view = STEP_VIEW[step.status];
        const after = props.showDependencies === false ? null : dependencyWords(step, steps);
        const progress =
          step.status === 'running' && step.progress !== undefined ? step.progress : null;
        return (
          <li
            key={step.id}
            className={`plan-step step-${step.status}`}
            data-testid="plan-step"
            data-status={step.status}
            data-step-kind={step.kind}
            data-vm-name={step.vmName}
          >
            <span className={`step-icon state-text-${view.tone}`} aria-hidden="true">
              {view.icon}
            </span>
            <span className="step-text">
              <span className="step-label">{step.label}</span>
              {after && <span className="step-after muted"> {after}</span>}
            </span>
            <span className={`step-status state-text-${view.tone}`}>{view.label}</span>
            {progress !== null && (
              <span className="step-progress" data-testid="step-progress">
                <progress
                  max={100}
                  value={progress}
                  aria-label={`${step.label}: ${Math.round(progress)} %`}
                />
                <span className="small muted">{Math.round(progress)} %</span>
              </span>
            )}
            {step.note && <span className="step-note small muted">{step.note}</span>}
            {step.error && (
              <div className="step-error">
                <ErrorNotice error={AppError.fromData(step.error)} testId="step-error" />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
