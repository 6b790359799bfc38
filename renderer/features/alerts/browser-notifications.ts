import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Alert } from '../../../shared/domain/alert';
import { alertNoticeWords } from '../../../shared/words/alert-words';
import { useAlertFired, useShell } from '../../api/api-context';
import { useAlerts } from '../../api/alerts-queries';
import { useUiStore } from '../../app/ui-store';
import { useNamer } from '../plans/use-host-names';
import { NotificationGate } from './notification-gate';

/** The admin's choice for this browser (not the console's: another browser asks again). */
export const NOTIFY_KEY = 'federator.alerts.browser-notifications';

export type NotifyPermission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((notify) => notify());

function permission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function wanted(): boolean {
  try {
    return window.localStorage.getItem(NOTIFY_KEY) === 'on';
  } catch {
    return false;
  }
}

/** The switch's state: on only when the admin chose it and the browser allows it. */
export function useBrowserNotifyState(): { on: boolean; permission: NotifyPermission } {
  const snapshot = useSyncExternalStore(
    (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    () => `${wanted()}|${permission()}`,
  );
  const [choice, allowed] = snapshot.split('|') as [string, NotifyPermission];
  return { on: choice === 'true' && allowed === 'granted', permission: allowed };
}

/**
 * Turns browser notifications on or off. On asks the browser's permission, which browsers grant
 * only from a user's gesture: call this from the switch's click, nowhere else.
 */
export async function setBrowserNotify(on: boolean): Promise<NotifyPermission> {
  let allowed = permission();
  if (on && allowed === 'default') allowed = await Notification.requestPermission();
  try {
    if (on && allowed === 'granted') window.localStorage.setItem(NOTIFY_KEY, 'on');
    else window.localStorage.removeItem(NOTIFY_KEY);
  } catch {
    // Storage refused: nothing to keep; the switch reads back off.
  }
  changed();
  return allowed;
}

/**
 * In the web console, one browser notification per alert that fires (never per update, never for
 * alerts open before the page loaded). The desktop window does not: there the core shows the
 * desktop notification itself, and a second one from the window would double it.
 */
export function useBrowserNotifications(): void {
  const shell = useShell();
  const names = useNamer();
  const gate = useRef(new NotificationGate());
  const { data: list } = useAlerts();
  const seeded = useRef(false);
  useEffect(() => {
    if (seeded.current || !list) return;
    seeded.current = true;
    gate.current.know(list.open);
  }, [list]);
  useAlertFired((alert: Alert) => {
    if (shell !== 'web' || !gate.current.admit(alert)) return;
    if (!wanted() || permission() !== 'granted') return;
    const { title, body } = alertNoticeWords(alert, names);
    const shown = new Notification(title, {
      body,
      // One per alert even across this browser's tabs: a second tab's replaces the first's.
      tag: alert.id,
    });
    shown.onclick = () => {
      window.focus();
      useUiStore.getState().openAlerts('alerts');
      shown.close();
    };
  });
}
