import { useEffect, useRef } from 'react';
import { usePlans } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { PlanReviewDialog } from '../plans/PlanReviewDialog';
import { PlansPanel } from '../plans/PlansPanel';
import { ServicesPanel } from './ServicesPanel';
import './services.css';
import { plural } from '../../../shared/words';

/**
 * The right-hand side panel (services, then plans) and the plan review dialog, which any feature
 * opens with `openReview`. A plan that was interrupted, running or failed when the window opened
 * opens the panel: it needs the admin and must not wait to be found.
 */
export function ServicesAndPlans() {
  const open = useUiStore((s) => s.sidePanelOpen);
  const setOpen = useUiStore((s) => s.setSidePanelOpen);
  const reviewing = useUiStore((s) => s.reviewPlanId !== null);
  const plans = usePlans();
  const looked = useRef(false);
  useEffect(() => {
    if (looked.current || !plans.data) return;
    looked.current = true;
    if (plans.data.some((p) => p.status === 'interrupted' || p.status === 'running')) setOpen(true);
  }, [plans.data, setOpen]);
  return (
    <>
      {open && (
        <aside className="side-panel" aria-label="Services and plans" data-testid="side-panel">
          <button
            type="button"
            className="dialog-close panel-close"
            aria-label="Close services and plans"
            onClick={() => setOpen(false)}
          >
            ×
          </button>
          <ServicesPanel />
          <PlansPanel />
        </aside>
      )}
      {reviewing && <PlanReviewDialog />}
    </>
  );
}

/** The top bar's button for the side panel, counting the plans that are running or waiting. */
export function ServicesToggle() {
  const open = useUiStore((s) => s.sidePanelOpen);
  const setOpen = useUiStore((s) => s.setSidePanelOpen);
  const { data: waiting } = usePlans();
  const count = (waiting ?? []).filter(
    (p) => p.status === 'running' || p.status === 'review' || p.status === 'interrupted',
  ).length;
  return (
    <button
      type="button"
      className={`btn btn-chrome services-toggle${open ? ' is-open' : ''}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      data-testid="services-toggle"
    >
      Services &amp; plans
      {count > 0 && (
        <span className="toggle-count" aria-label={`${plural(count, 'plan')} running or waiting`}>
          {count}
        </span>
      )}
    </button>
  );
}
