import { isOpen, type Plan } from '../../../shared/domain/plan';
import { usePlans } from '../../api/queries';
import { PlanRow } from './PlanRow';
import './plans.css';

const RECENT = 8;

/** Plans that need the admin or are running first; then the most recent finished ones. */
export function PlansPanel() {
  const plans = usePlans();
  const list = plans.data ?? [];
  const newest = (a: Plan, b: Plan) => b.updatedAt - a.updatedAt;
  // A failed plan still waits for Resume or Roll back: it belongs with the open ones.
  const needsAdmin = (p: Plan) => isOpen(p) || p.status === 'failed';
  const open = list.filter(needsAdmin).sort(newest);
  const recent = list
    .filter((p) => !needsAdmin(p) && p.status !== 'discarded')
    .sort(newest)
    .slice(0, RECENT);
  return (
    <section className="plans-panel" aria-label="Plans" data-testid="plans-panel">
      <h2 className="panel-title">Plans</h2>
      {plans.isPending && <p className="muted">Loading…</p>}
      {plans.error && <p className="muted">Couldn&rsquo;t load plans: {plans.error.message}</p>}
      {open.length > 0 && (
        <ol className="plan-list" data-testid="open-plans">
          {open.map((plan) => (
            <PlanRow key={plan.id} plan={plan} open={plan.status !== 'review'} />
          ))}
        </ol>
      )}
      {plans.data && open.length === 0 && (
        <p className="muted small">No plan is running or waiting.</p>
      )}
      {recent.length > 0 && (
        <>
          <h3 className="section-title">Recent</h3>
          <ol className="plan-list" data-testid="recent-plans">
            {/* The newest finished plan stays open: the admin just watched it run. */}
            {recent.map((plan, index) => (
              <PlanRow key={plan.id} plan={plan} open={index === 0} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
