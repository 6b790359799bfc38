import { describe, expect, it } from 'vitest';
import type { Alert } from '../domain/alert';
import { alertReasonWords, alertSummaryWords, conditionWords, durationWords } from './alert-words';
import { ID_NAMER } from './namer';

describe('alert words', () => {
  it('says durations as an admin would', () => {
    expect([0, 30, 90, 300, 3600, 5400].map(durationWords)).toEqual([
      'at once',
      '30 s',
      '1 min 30 s',
      '5 min',
      '1 h',
      '1 h 30 min',
    ]);
  });

  it('says a metric rule with its hysteresis, and a state rule', () => {
    expect(
      conditionWords({
        kind: 'metric',
        metric: 'host-disk-free',
        op: 'below',
        threshold: 10,
        clear: 15,
        forSeconds: 120,
      }),
    ).toBe('host root disk free below 10 % for 2 min (clears at 15 %)');
    expect(conditionWords({ kind: 'state', state: 'host-unreachable', forSeconds: 60 })).toBe(
      'host unreachable for 1 min',
    );
  });

  it('says broken paths grouped at one host: how many, the host, the hosts at their other ends', () => {
    const many = Array.from({ length: 39 }, (_, i) => `d${i + 1}`);
    expect(
      alertReasonWords(
        {
          code: 'migration-paths-broken',
          host: 'bad',
          into: { count: 39, hosts: many },
          out: { count: 39, hosts: many },
        },
        ID_NAMER,
      ),
    ).toBe(
      '78 migration paths with bad at one end are broken: VMs cannot live-migrate to it from d1, d2, d3 and 36 more, nor from it to d1, d2, d3 and 36 more',
    );
    expect(
      alertReasonWords(
        {
          code: 'migration-paths-broken',
          host: 'x',
          into: { count: 2, hosts: ['a', 'b'] },
          out: { count: 0, hosts: [] },
        },
        ID_NAMER,
      ),
    ).toBe(
      '2 migration paths with x at one end are broken: VMs cannot live-migrate to it from a and b',
    );
  });

  it('says why an N-1 alert fired', () => {
    expect(
      alertReasonWords(
        { code: 'n-minus-1', service: 'shop', application: 'db', host: 'hv1', running: 2 },
        ID_NAMER,
      ),
    ).toBe('all 2 running replicas of db (shop) are on hv1: if it fails, the application stops');
  });
  it('says a measured value with one decimal at most, as the window shows it', () => {
    const reason = (value: number) =>
      alertReasonWords(
        { code: 'metric', metric: 'vm-cpu', op: 'above', value, threshold: 80, forSeconds: 5 },
        ID_NAMER,
      );
    expect(reason(94.3)).toBe('VM CPU 94.3 % (above 80 % for 5 s)');
    expect(reason(82.04)).toBe('VM CPU 82 % (above 80 % for 5 s)');
  });

  it('says why an alert resolved when its object stopped reporting', () => {
    const alert: Alert = {
      id: 'a1',
      ruleId: 'r',
      ruleName: 'VM CPU high',
      severity: 'warning',
      object: { kind: 'vm', id: 'vm1', name: 'web-1' },
      status: 'resolved',
      firedAt: 0,
      resolvedAt: 130_000,
      why: {
        code: 'metric',
        metric: 'vm-cpu',
        op: 'above',
        value: 99,
        threshold: 90,
        forSeconds: 0,
      },
    };
    const shutOff = { ...alert, resolution: { code: 'vm-inactive', state: 'shutoff' } } as const;
    expect(alertSummaryWords(shutOff, ID_NAMER)).toBe(
      'resolved · VM CPU high · web-1: VM CPU 99 % (above 90 %); the VM is shut off',
    );
    const quiet = { ...alert, resolution: { code: 'no-samples', lastAt: 10_000 } } as const;
    expect(alertSummaryWords(quiet, ID_NAMER)).toBe(
      'resolved · VM CPU high · web-1: VM CPU 99 % (above 90 %); no samples for 2 min',
    );
    expect(alertSummaryWords(alert, ID_NAMER)).toBe(
      'resolved · VM CPU high · web-1: VM CPU 99 % (above 90 %)',
    );
  });
});
