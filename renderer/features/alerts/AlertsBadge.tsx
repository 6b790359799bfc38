import { plural } from '../../../shared/words';
import { useAlerts } from '../../api/alerts-queries';
import { useUiStore } from '../../app/ui-store';
import { badgeOf, SEVERITY_LABEL } from './alerts-view';

/**
 * The top bar's alerts button: how many alerts fire unacknowledged, coloured by the worst of them
 * (the count says it in words too, for a screen reader and for colour-blind eyes). Opens the list.
 */
export function AlertsBadge() {
  const openAlerts = useUiStore((s) => s.openAlerts);
  const { data: badge } = useAlerts(badgeOf);
  const count = badge?.count ?? 0;
  const severity = badge?.severity;
  const said =
    count === 0
      ? 'No alert needs attention'
      : `${plural(count, 'alert')} firing and unacknowledged (worst: ${SEVERITY_LABEL[severity ?? 'warning'].toLowerCase()})`;
  return (
    <button
      type="button"
      className="btn btn-chrome alerts-badge"
      data-testid="alerts-badge"
      data-count={count}
      data-severity={severity ?? 'none'}
      title={said}
      aria-label={`Alerts: ${said}`}
      onClick={() => openAlerts('alerts')}
    >
      <BellIcon />
      Alerts
      {count > 0 && (
        <span className={`alerts-count alerts-count-${severity ?? 'warning'}`} aria-hidden="true">
          {count}
        </span>
      )}
    </button>
  );
}

/** A bell drawn inline (no icon font, no network). */
function BellIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" className="alerts-bell">
      <path
        d="M8 1.5a4 4 0 0 0-4 4v2.8L2.6 11h10.8L12 8.3V5.5a4 4 0 0 0-4-4ZM6.3 12.5a1.8 1.8 0 0 0 3.4 0Z"
        fill="currentColor"
      />
    </svg>
  );
}
