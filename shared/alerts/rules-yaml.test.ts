import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertMetric, AlertRule, AlertStateKind, type AlertScope } from '../domain/alert';
import type { ApplicationId, ServiceId } from '../domain/ids';
import { AppError } from '../errors';
import { durationSeconds, durationText } from './duration';
import { rulesFromYaml, rulesToYaml } from './rules-yaml';

const names = {
  service: (id: string) => (id === 's1' ? 'shop' : id),
  application: (id: string) => (id === 'a1' ? 'web' : id),
};
const resolver = {
  service: (name: string) => (name === 'shop' ? 's1' : undefined),
  application: (service: string, name: string) =>
    service === 's1' && name === 'web' ? 'a1' : undefined,
};

const percent = fc.integer({ min: 0, max: 100 });
const scope: fc.Arbitrary<AlertScope> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.constant({ kind: 'labels' as const, labels: { zone: 'a', ssd: 'true' } }),
  fc.constant({ kind: 'service' as const, service: 's1' as ServiceId }),
  fc.constant({
    kind: 'application' as const,
    service: 's1' as ServiceId,
    application: 'a1' as ApplicationId,
  }),
);
const condition = fc.oneof(
  fc
    .record({
      metric: fc.constantFrom(...AlertMetric.options),
      op: fc.constantFrom('above' as const, 'below' as const),
      a: percent,
      b: percent,
      forSeconds: fc.integer({ min: 0, max: 100_000 }),
    })
    .map(({ metric, op, a, b, forSeconds }) => ({
      kind: 'metric' as const,
      metric,
      op,
      threshold: op === 'above' ? Math.max(a, b) : Math.min(a, b),
      clear: op === 'above' ? Math.min(a, b) : Math.max(a, b),
      forSeconds,
    })),
  fc.record({
    kind: fc.constant('state' as const),
    state: fc.constantFrom(...AlertStateKind.options),
    forSeconds: fc.integer({ min: 0, max: 100_000 }),
  }),
);
const rules = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 -]{0,30}[A-Za-z0-9]$/),
    enabled: fc.boolean(),
    severity: fc.constantFrom('warning' as const, 'critical' as const),
    condition,
    scope,
  }),
  { selector: (r) => r.name, maxLength: 8 },
);

function problem(yaml: string): AppError {
  try {
    rulesFromYaml(yaml, resolver, (n) => n);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the YAML to be refused');
}

describe('alert rules as YAML', () => {
  it('property: rules written then read are the same rules', () => {
    fc.assert(
      fc.property(rules, (list) => {
        const before = list.map((r) => AlertRule.parse({ ...r, id: r.name }));
        const after = rulesFromYaml(rulesToYaml(before, names), resolver, (n) => n);
        expect(after).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('reads the documented example', () => {
    const [cpu, web] = rulesFromYaml(
      [
        'rules:',
        '  - name: Host CPU high',
        '    severity: warning',
        '    metric: host-cpu',
        '    above: 90',
        '    clear: 80',
        '    for: 5m',
        '  - name: Shop web on one host',
        '    severity: critical',
        '    state: n-minus-1',
        '    scope: { service: shop, application: web }',
        '    enabled: false',
      ].join('\n'),
      resolver,
      (n) => `id-${n}`,
    );
    expect(cpu?.condition).toEqual({
      kind: 'metric',
      metric: 'host-cpu',
      op: 'above',
      threshold: 90,
      clear: 80,
      forSeconds: 300,
    });
    expect(web).toMatchObject({
      id: 'id-Shop web on one host',
      enabled: false,
      scope: { kind: 'application', service: 's1', application: 'a1' },
    });
  });

  it('names the line and the field of each problem, and reads nothing', () => {
    const yaml = (body: string) => `rules:\n  - name: CPU\n    severity: warning\n${body}`;
    expect(problem(yaml('    metric: host-cpu\n    above: ninety\n')).message).toBe(
      "Couldn't read the alert rules YAML: line 5, rules[0].above: should be a number, not text",
    );
    expect(problem(yaml('    metric: host-cpu\n    above: 90\n    clear: 95\n')).message).toMatch(
      /^Couldn't read the alert rules YAML: line 6, rules\[0\]\.clear: must not be above the threshold/,
    );
    expect(problem(yaml('    state: n-minus-1\n    scope: { service: shoe }\n')).message).toBe(
      "Couldn't read the alert rules YAML: line 5, rules[0].scope.service: no service named shoe in this console",
    );
    expect(problem(yaml('    metric: host-cpu\n    above: 90\n    for: soon\n')).message).toMatch(
      /line 6, rules\[0\]\.for: should be a duration/,
    );
    expect(
      problem(yaml('    metric: host-cpu\n    state: service-down\n    above: 9\n')).message,
    ).toMatch(/rules\[0\]\.metric: a rule watches either a metric or a state/);
    expect(problem('rules:\n  - name: [oops\n').message).toMatch(
      /^Couldn't read the alert rules YAML: line \d+, column \d+/,
    );
  });

  it('reads durations as people write them', () => {
    expect(
      ['90s', '5m', '2 min', '1h30m', '45', 'soon', '5x'].map((d) => durationSeconds(d)),
    ).toEqual([90, 300, 120, 5400, 45, undefined, undefined]);
    expect([0, 90, 300, 5400].map(durationText)).toEqual(['0s', '1m30s', '5m', '1h30m']);
  });
});
