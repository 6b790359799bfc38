import { useAlerts } from '../../api/alerts-queries';
import { useUiStore, type AlertsTab } from '../../app/ui-store';
import { Dialog } from '../../ui/Dialog';
import { AlertList } from './AlertList';
import { badgeOf } from './alerts-view';
import { useBrowserNotifications } from './browser-notifications';
import { NotificationSettings } from './NotificationSettings';
import { RulesPanel } from './RulesPanel';
import './alerts.css';

const TABS: { tab: AlertsTab; label: string }[] = [
  { tab: 'alerts', label: 'Alerts' },
  { tab: 'rules', label: 'Rules' },
  { tab: 'notifications', label: 'Notifications' },
];

/**
 * The window's side of alerts: the dialog the top bar's badge opens (the list, the rules, where
 * notifications go), and the browser's notifications in the web console.
 */
export function Alerts() {
  const tab = useUiStore((s) => s.alertsTab);
  useBrowserNotifications();
  return tab ? <AlertsDialog tab={tab} /> : null;
}

function AlertsDialog(props: { tab: AlertsTab }) {
  const openAlerts = useUiStore((s) => s.openAlerts);
  const { data: badge } = useAlerts(badgeOf);
  return (
    <Dialog title="Alerts" onClose={() => openAlerts(null)} testId="alerts-dialog" width="full">
      <div className="alerts-tabs" role="tablist" aria-label="Alerts">
        {TABS.map(({ tab, label }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`alerts-tab-${tab}`}
            aria-selected={props.tab === tab}
            aria-controls="alerts-tab-panel"
            className="alerts-tab"
            data-testid={`alerts-tab-${tab}`}
            onClick={() => openAlerts(tab)}
          >
            {label}
            {tab === 'alerts' && (badge?.count ?? 0) > 0 && (
              <span className="alerts-tab-count">{badge?.count}</span>
            )}
          </button>
        ))}
      </div>
      <div
        id="alerts-tab-panel"
        role="tabpanel"
        aria-labelledby={`alerts-tab-${props.tab}`}
        className="alerts-tab-panel"
      >
        {props.tab === 'alerts' && <AlertList />}
        {props.tab === 'rules' && <RulesPanel />}
        {props.tab === 'notifications' && <NotificationSettings />}
      </div>
    </Dialog>
  );
}
