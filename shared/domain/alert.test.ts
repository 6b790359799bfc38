import { describe, expect, it } from 'vitest';
import { AlertRule, SaveAlertRuleRequest, WebhookSettings } from './alert';

const cpu = {
  id: 'r1',
  name: 'Host CPU high',
  severity: 'warning',
  condition: { kind: 'metric', metric: 'host-cpu', threshold: 90, clear: 80, forSeconds: 300 },
} as const;

describe('AlertRule', () => {
  it('fills the defaults: enabled, everything in scope, op above', () => {
    const rule = AlertRule.parse(cpu);
    expect(rule.enabled).toBe(true);
    expect(rule.scope).toEqual({ kind: 'all' });
    expect(rule.condition).toMatchObject({ op: 'above', clear: 80 });
  });

  it('refuses a clear threshold on the wrong side, naming the field', () => {
    const above = AlertRule.safeParse({ ...cpu, condition: { ...cpu.condition, clear: 95 } });
    expect(above.success).toBe(false);
    expect(above.error?.issues[0]?.path).toEqual(['condition', 'clear']);
    const below = AlertRule.safeParse({
      ...cpu,
      condition: { kind: 'metric', metric: 'host-disk-free', op: 'below', threshold: 10, clear: 5 },
    });
    expect(below.success).toBe(false);
  });

  it('takes state rules and scopes; a new rule has no id', () => {
    const rule = SaveAlertRuleRequest.parse({
      name: 'Shop N-1',
      severity: 'critical',
      condition: { kind: 'state', state: 'n-minus-1' },
      scope: { kind: 'application', service: 's1', application: 'a1' },
    });
    expect(rule.id).toBeUndefined();
    expect(rule.condition).toEqual({ kind: 'state', state: 'n-minus-1', forSeconds: 0 });
  });
});

describe('WebhookSettings', () => {
  it('takes http(s) URLs or none, refuses anything else', () => {
    expect(WebhookSettings.safeParse({ url: 'https://x/h?token=s', enabled: true }).success).toBe(
      true,
    );
    expect(WebhookSettings.safeParse({ url: '', enabled: false }).success).toBe(true);
    expect(WebhookSettings.safeParse({ url: 'file:///etc/passwd', enabled: true }).success).toBe(
      false,
    );
  });
});
