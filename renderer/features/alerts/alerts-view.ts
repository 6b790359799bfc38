import type { Alert, AlertList, AlertSeverity } from '../../../shared/domain/alert';
import type { Tone } from '../../ui/Badge';

/** Open for the badge: still firing and nobody has said they are on it. */
export function needsAttention(alert: Alert): boolean {
  return alert.status === 'firing' && alert.acknowledged === undefined;
}

const RANK: Record<AlertSeverity, number> = { critical: 2, warning: 1 };

/** The worst severity among the alerts, or undefined for none. */
export function worstSeverity(alerts: readonly Alert[]): AlertSeverity | undefined {
  let worst: AlertSeverity | undefined;
  for (const alert of alerts)
    if (!worst || RANK[alert.severity] > RANK[worst]) worst = alert.severity;
  return worst;
}

/** The badge's colour for a severity: the same tones as every state badge. */
export const SEVERITY_TONE: Record<AlertSeverity, Tone> = {
  critical: 'danger',
  warning: 'warning',
};

export const SEVERITY_LABEL: Record<AlertSeverity, string> = {
  critical: 'Critical',
  warning: 'Warning',
};

/** What the top bar's badge shows: how many need attention and the worst of them. */
export function badgeOf(list: AlertList | undefined): {
  count: number;
  severity: AlertSeverity | undefined;
} {
  const open = (list?.open ?? []).filter(needsAttention);
  return { count: open.length, severity: worstSeverity(open) };
}

export type AlertFilter = 'firing' | 'all';

/**
 * The list as the admin reads it: firing alerts first (unacknowledged before acknowledged, then
 * critical before warning, then the newest), then, with `all`, the resolved ones newest first.
 */
export function listSections(
  list: AlertList | undefined,
  filter: AlertFilter,
): { firing: Alert[]; resolved: Alert[] } {
  const firing = [...(list?.open ?? [])].sort(
    (a, b) =>
      Number(needsAttention(b)) - Number(needsAttention(a)) ||
      RANK[b.severity] - RANK[a.severity] ||
      b.firedAt - a.firedAt,
  );
  const resolved =
    filter === 'all'
      ? [...(list?.history ?? [])].sort(
          (a, b) => (b.resolvedAt ?? b.firedAt) - (a.resolvedAt ?? a.firedAt),
        )
      : [];
  return { firing, resolved };
}

/** Words from shared/words start a sentence's middle; at the start of a cell they take a capital. */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
