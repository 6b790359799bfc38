import { describe, expect, it } from 'vitest';
import { makeRule } from '../../testing/alert-fixtures';
import { checkRule, emptyRule, valuesFromRule, type RuleValues } from './rule-form';

const rule = (patch: Partial<RuleValues>): RuleValues => ({
  ...emptyRule(),
  name: 'CPU high',
  ...patch,
});

describe('the rule editor checks', () => {
  it('builds the request from a right rule', () => {
    const checked = checkRule(rule({ threshold: '85', clear: '70', duration: '1h30m' }));
    expect(checked.errors).toBeNull();
    expect(checked.request).toMatchObject({
      name: 'CPU high',
      severity: 'warning',
      enabled: true,
      condition: {
        kind: 'metric',
        metric: 'host-cpu',
        op: 'above',
        threshold: 85,
        clear: 70,
        forSeconds: 5400,
      },
      scope: { kind: 'all' },
    });
  });

  it('explains a clear level on the wrong side of the threshold, either way', () => {
    const above = checkRule(rule({ threshold: '80', clear: '90' }));
    expect(above.errors?.clear).toMatch(/^Clear must be at or below the threshold \(80 %\)/);
    const below = checkRule(
      rule({ what: 'metric:host-disk-free', op: 'below', threshold: '10', clear: '5' }),
    );
    expect(below.errors?.clear).toMatch(/^Clear must be at or above the threshold \(10 %\)/);
    // Equal is right: it clears at the threshold itself.
    expect(checkRule(rule({ threshold: '80', clear: '80' })).errors).toBeNull();
  });

  it('explains a negative or unreadable duration, a missing name, a percentage out of range', () => {
    const checked = checkRule(rule({ name: ' ', duration: '-30s', threshold: '120' }));
    expect(checked.request).toBeNull();
    expect(checked.errors).toEqual({
      name: 'Name is required: it is what notifications and the list call the rule',
      duration: 'Duration must be 0 or more: 0 fires at once',
      threshold: 'Threshold is a percentage from 0 to 100',
    });
    expect(checkRule(rule({ duration: 'soon' })).errors?.duration).toBe(
      'Duration is whole seconds, or with a unit: 90s, 2m, 1h (0 fires at once)',
    );
    expect(checkRule(rule({ duration: '8d' })).errors?.duration).toBeDefined();
    expect(checkRule(rule({ duration: '200h' })).errors?.duration).toBe(
      'Duration is at most 7 days (168h)',
    );
  });

  it('needs what a scope names: labels that read, a service, an application', () => {
    expect(checkRule(rule({ scope: 'labels', labels: '' })).errors?.labels).toMatch(
      /at least one label/,
    );
    expect(checkRule(rule({ scope: 'labels', labels: 'zone' })).errors?.labels).toBe(
      '"zone" needs the form key=value',
    );
    expect(checkRule(rule({ scope: 'service' })).errors?.service).toBeDefined();
    expect(
      checkRule(rule({ scope: 'application', service: 'shop' })).errors?.application,
    ).toBeDefined();
    expect(checkRule(rule({ scope: 'labels', labels: 'zone=a' })).request?.scope).toEqual({
      kind: 'labels',
      labels: { zone: 'a' },
    });
  });

  it('a state rule needs no threshold', () => {
    const checked = checkRule(
      rule({ what: 'state:host-unreachable', threshold: '', clear: '', duration: '1m' }),
    );
    expect(checked.request?.condition).toEqual({
      kind: 'state',
      state: 'host-unreachable',
      forSeconds: 60,
    });
  });

  it('a stored rule comes back unchanged through the editor', () => {
    const stored = makeRule('r1', {
      name: 'Disk nearly full',
      severity: 'critical',
      builtIn: true,
      condition: {
        kind: 'metric',
        metric: 'host-disk-free',
        op: 'below',
        threshold: 10,
        clear: 15,
        forSeconds: 3600,
      },
      scope: { kind: 'labels', labels: { zone: 'a', rack: 'r1' } },
    });
    expect(checkRule(valuesFromRule(stored)).request).toEqual(stored);
  });
});
