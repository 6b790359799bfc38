import type { Alert } from '../../../shared/domain/alert';

/** Alert ids remembered: far above what fires in one sitting; the oldest are forgotten first. */
const REMEMBERED = 5000;

/**
 * Which alerts deserve a browser notification: each alert once, when it starts firing while the
 * window watches. An alert's later updates (its value moving, an acknowledgement, resolving) arrive
 * as the same id and say nothing new; alerts already open when the window loaded fired before it
 * and are in the list and the badge, not news.
 */
export class NotificationGate {
  private readonly seen = new Set<string>();

  /** Alerts the window already knows (the first list, or a refetch after a reconnect). */
  know(alerts: Iterable<Pick<Alert, 'id'>>): void {
    for (const alert of alerts) this.remember(alert.id);
  }

  /** True once per alert: the first time it is seen firing and not yet acknowledged. */
  admit(alert: Pick<Alert, 'id' | 'status' | 'acknowledged'>): boolean {
    if (this.seen.has(alert.id)) return false;
    this.remember(alert.id);
    return alert.status === 'firing' && alert.acknowledged === undefined;
  }

  private remember(id: string): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.seen.size > REMEMBERED) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
