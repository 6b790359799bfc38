import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { attentionWords, dependencyWords, formatEstimate, stepCounts } from './plan-words';

const step = (id: string, kind: PlanStep['kind'], vmName: string, fields: Partial<PlanStep> = {}) =>
  ({
    id,
    kind,
    vmName,
    label: `${kind} ${vmName}`,
    hostId: 'hv1',
    vmId: id,
    after: [],
    status: 'pending',
    ...fields,
  }) as PlanStep;

describe('plan words', () => {
  const steps = [
    step('d1', 'define', 'db-1', { status: 'done' }),
    step('s1', 'start', 'db-1', { after: ['d1'], status: 'done' }),
    step('d2', 'define', 'web-1', { status: 'done' }),
    step('s2', 'start', 'web-1', { after: ['s1', 'd2'] }),
  ];

  it('says what a step waits for, in words', () => {
    expect(dependencyWords(steps[3]!, steps)).toBe('after db-1 is running and web-1 is defined');
    expect(dependencyWords(steps[1]!, steps)).toBe('after db-1 is defined');
    expect(dependencyWords(steps[0]!, steps)).toBeNull();
  });

  it('explains an interrupted plan with the reconciled counts', () => {
    const plan = { status: 'interrupted', steps } as Plan;
    expect(attentionWords(plan)).toBe(
      'The console stopped while this plan ran; the steps were checked against the hosts: 3 done, 1 not started.',
    );
    expect(stepCounts([])).toBe('');
  });

  it('rounds estimates for people', () => {
    expect(formatEstimate(0.2)).toBe('about 1 s');
    expect(formatEstimate(42)).toBe('about 42 s');
    expect(formatEstimate(300)).toBe('about 5 min');
  });
});
