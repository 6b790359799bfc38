import type { Alert, AlertList } from '../../shared/domain/alert';

/**
 * One alert, as `alerts:changed` (or fired, resolved) carries it whole, put where it belongs: a
 * firing alert replaces its copy among the open ones (or joins them); a resolved one leaves them
 * and goes first in the history, which keeps at most `historyLimit`. Returns a new list.
 */
export function upsertAlert(list: AlertList, alert: Alert, historyLimit: number): AlertList {
  const open = list.open.filter((a) => a.id !== alert.id);
  const history = list.history.filter((a) => a.id !== alert.id);
  if (alert.status === 'firing') {
    const index = list.open.findIndex((a) => a.id === alert.id);
    return {
      open: index === -1 ? [alert, ...open] : list.open.map((a, i) => (i === index ? alert : a)),
      history,
    };
  }
  return { open, history: [alert, ...history].slice(0, historyLimit) };
}
