import type { Host } from '../domain/host';

/** The labels a big fleet is grouped by first, in this order, when the admin has not chosen. */
const PREFERRED_KEYS = ['zone', 'rack'];

/** Every label key the hosts carry, sorted. */
export function groupKeysOf(hosts: readonly Host[]): string[] {
  const keys = new Set<string>();
  for (const host of hosts) for (const key of Object.keys(host.config.labels)) keys.add(key);
  return [...keys].sort();
}

/**
 * The label to group by: the admin's choice when some host carries it, else zone, else rack, else
 * the key most hosts carry; null when no host has a label (one group of everything).
 */
export function chooseGroupKey(hosts: readonly Host[], chosen: string | null): string | null {
  const counts = new Map<string, number>();
  for (const host of hosts) {
    for (const key of Object.keys(host.config.labels)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (chosen !== null && counts.has(chosen)) return chosen;
  const preferred = PREFERRED_KEYS.find((key) => counts.has(key));
  if (preferred !== undefined) return preferred;
  let best: string | null = null;
  for (const [key, count] of counts) {
    if (best === null || count > (counts.get(best) ?? 0)) best = key;
  }
  return best;
}

/** The group a host falls in: its value of the key, or '' when it has none. */
export function groupValueOf(host: Host, key: string | null): string {
  return key === null ? '' : (host.config.labels[key] ?? '');
}
