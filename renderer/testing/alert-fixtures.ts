import type { FleetSnapshot } from '../../shared/contract/requests';
import type { Alert, AlertList, AlertRule, WebhookState } from '../../shared/domain/alert';
import { FakeBridge } from './fake-bridge';
import { makeFleet } from './fixtures';

/** A firing host-CPU alert on `host`, with only what a test cares about spelt out. */
export function makeAlert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 'rule-cpu',
    ruleName: 'Host CPU high',
    severity: 'warning',
    object: { kind: 'host', id: 'hv1', name: 'hv1', hostId: 'hv1' },
    status: 'firing',
    firedAt: Date.now() - 5 * 60_000,
    value: 96,
    threshold: 90,
    why: {
      code: 'metric',
      metric: 'host-cpu',
      op: 'above',
      value: 96,
      threshold: 90,
      forSeconds: 120,
    },
    ...overrides,
  };
}

export function alertList(open: Alert[], history: Alert[] = []): AlertList {
  return { open, history };
}

export function makeRule(id: string, overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    name: `Rule ${id}`,
    enabled: true,
    severity: 'warning',
    condition: {
      kind: 'metric',
      metric: 'host-cpu',
      op: 'above',
      threshold: 90,
      clear: 80,
      forSeconds: 120,
    },
    scope: { kind: 'all' },
    ...overrides,
  };
}

export const NO_WEBHOOK: WebhookState = {
  settings: { url: '', enabled: false },
  status: { queued: 0, dropped: 0 },
};

/**
 * A fake bridge for the whole window (fleet, log, plans, services) whose alerts, rules and webhook
 * are the given ones (none by default); tests add the writes they exercise.
 */
export function alertsBridge(
  fields: {
    fleet?: FleetSnapshot;
    list?: AlertList;
    rules?: AlertRule[];
    webhook?: WebhookState;
  } = {},
): FakeBridge {
  return new FakeBridge()
    .handle('fleet:snapshot', () => fields.fleet ?? makeFleet([]))
    .handle('log:recent', () => [])
    .handle('plans:list', () => [])
    .handle('services:list', () => ({ services: [] }))
    .handle('alerts:list', () => fields.list ?? alertList([]))
    .handle('alerts:rules', () => fields.rules ?? [])
    .handle('alerts:webhook', () => fields.webhook ?? NO_WEBHOOK);
}
