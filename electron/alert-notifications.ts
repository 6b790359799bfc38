import type { Alert } from '../shared/domain/alert';
import { alertNoticeWords } from '../shared/words/alert-words';
import { plural } from '../shared/words/index';
import type { Namer } from '../shared/words/namer';
import type { EventSource } from './core/events/event-hub';

export interface DesktopNotice {
  title: string;
  body: string;
  critical: boolean;
}

/** Notices shown per burst window at most; the rest become one "and N more" notice. */
const BURST = 3;
const WINDOW_MS = 10_000;

/**
 * A desktop notification for each alert that fires (the desktop shell passes Electron's
 * Notification; the web console's browser notifications are the window's). A burst (a rack going
 * down) shows three, then one notice that counts the rest, not a screenful.
 */
export function notifyFiredAlerts(deps: {
  events: EventSource;
  /** Names for the words, from the fleet now (fired alerts are rare: read on each). */
  names: () => Promise<Namer>;
  show: (notice: DesktopNotice) => void;
}): () => void {
  let shown = 0;
  let held = 0;
  let window: NodeJS.Timeout | undefined;
  const endWindow = (): void => {
    window = undefined;
    if (held > 0)
      deps.show({
        title: `${plural(held, 'more alert')} fired`,
        body: 'Open Federator to see them all.',
        critical: false,
      });
    shown = 0;
    held = 0;
  };
  const fired = async (alert: Alert): Promise<void> => {
    if (window === undefined) {
      window = setTimeout(endWindow, WINDOW_MS);
      window.unref();
    }
    if (shown >= BURST) {
      held += 1;
      return;
    }
    shown += 1;
    const names = await deps.names();
    deps.show({ ...alertNoticeWords(alert, names), critical: alert.severity === 'critical' });
  };
  const off = deps.events.on('alerts:fired', (alert) => {
    fired(alert).catch((error: unknown) =>
      console.error('Federator: an alert notification failed', error),
    );
  });
  return () => {
    off();
    clearTimeout(window);
  };
}
