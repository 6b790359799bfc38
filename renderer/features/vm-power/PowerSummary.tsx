import type { Plan } from '../../../shared/domain/plan';
import { powerOutcomeWords } from '../../../shared/words/vm-power-words';

/**
 * Under a power plan that has run (or runs): how many VMs reached the state, which failed and why
 * (the runner's message names the action, the VM and the host), and what was done other than asked.
 */
export function PowerSummary(props: { plan: Plan }) {
  const { plan } = props;
  if (plan.power === undefined || plan.status === 'review' || plan.status === 'discarded') {
    return null;
  }
  const outcome = powerOutcomeWords(plan, plan.power);
  return (
    <div className="power-summary" data-testid="power-summary">
      <p className="review-note">{outcome.headline}</p>
      {outcome.failures.length > 0 && (
        <ul className="plan-warnings" data-testid="power-failures">
          {outcome.failures.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {outcome.notes.length > 0 && (
        <ul className="muted small" data-testid="power-notes">
          {outcome.notes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
