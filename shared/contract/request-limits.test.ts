import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain/limits';
import { requests } from './requests';

// Every list a request carries has a maximum that honest use never meets: the largest honest
// request passes, one more element is refused, and the refusal names the field.

const vm = { hostId: 'hv1', vmId: 'uuid-1' };
const adopt = (count: number) => ({
  serviceId: 'shop',
  applicationId: 'web',
  vms: Array.from({ length: count }, () => vm),
});
const labels = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, 'value']));
const app = (i: number) => ({
  id: `a${i}`,
  name: `app ${i}`,
  vcpus: 1,
  memoryMiB: 64,
  replicas: 1,
});
const bundle = (count: number, dependsOn: Record<string, string[]> = {}) => ({
  service: {
    id: 's',
    name: 'shop',
    applications: Array.from({ length: count }, (_, i) => `a${i}`),
    dependsOn,
    policy: 'spread',
    health: { kind: 'all-up' },
  },
  applications: Array.from({ length: count }, (_, i) => app(i)),
});

function refusal(
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  },
  value: unknown,
) {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return parsed.error?.issues[0];
}

describe('request limits', () => {
  it(`services:adopt takes up to ${LIMITS.vmsPerAdopt} VMs, one application's most replicas`, () => {
    expect(requests['services:adopt'].req.safeParse(adopt(LIMITS.vmsPerAdopt)).success).toBe(true);
    const issue = refusal(requests['services:adopt'].req, adopt(LIMITS.vmsPerAdopt + 1));
    expect(issue?.path).toEqual(['vms']);
  });

  it(`vms:plan-moves takes up to ${LIMITS.movesPerPlan} moves`, () => {
    const moves = (n: number) => ({
      moves: Array.from({ length: n }, () => ({ vmId: 'v', fromHostId: 'a', toHostId: 'b' })),
    });
    expect(requests['vms:plan-moves'].req.safeParse(moves(LIMITS.movesPerPlan)).success).toBe(true);
    expect(refusal(requests['vms:plan-moves'].req, moves(LIMITS.movesPerPlan + 1))?.path).toEqual([
      'moves',
    ]);
  });

  it(`host labels: up to ${LIMITS.labels} on hosts:add and hosts:set-labels, and the count is named`, () => {
    const add = { address: 'hv1', user: 'admin' };
    expect(
      requests['hosts:add'].req.safeParse({ ...add, labels: labels(LIMITS.labels) }).success,
    ).toBe(true);
    const issue = refusal(requests['hosts:add'].req, { ...add, labels: labels(LIMITS.labels + 1) });
    expect(issue).toMatchObject({
      path: ['labels'],
      message: `Too many labels: at most ${LIMITS.labels}`,
    });
    const set = requests['hosts:set-labels'].req;
    expect(set.safeParse({ hostId: 'h', labels: labels(LIMITS.labels) }).success).toBe(true);
    expect(refusal(set, { hostId: 'h', labels: labels(LIMITS.labels + 1) })?.path).toEqual([
      'labels',
    ]);
    // The entries themselves are still checked once the count is fine.
    expect(refusal(set, { hostId: 'h', labels: { zone: 7 } })?.path).toEqual(['labels', 'zone']);
  });

  it(`services:save takes up to ${LIMITS.applicationsPerService} applications, with bounded dependencies and labels`, () => {
    const save = requests['services:save'].req;
    expect(save.safeParse(bundle(LIMITS.applicationsPerService)).success).toBe(true);
    expect(refusal(save, bundle(LIMITS.applicationsPerService + 1))?.path).toEqual([
      'service',
      'applications',
    ]);
    const tooManyDeps = Object.fromEntries(
      Array.from({ length: LIMITS.applicationsPerService + 1 }, (_, i) => [`a${i}`, []]),
    );
    expect(refusal(save, bundle(2, tooManyDeps))?.path).toEqual(['service', 'dependsOn']);
    const longDeps = {
      a0: Array.from({ length: LIMITS.dependenciesPerApplication + 1 }, () => 'a1'),
    };
    expect(refusal(save, bundle(2, longDeps))?.path).toEqual(['service', 'dependsOn', 'a0']);
    const labelled = bundle(1);
    labelled.applications[0] = {
      ...app(0),
      requiredLabels: labels(LIMITS.labels + 1),
    } as ReturnType<typeof app>;
    expect(refusal(save, labelled)?.path).toEqual(['applications', 0, 'requiredLabels']);
  });

  it('bounds the key fingerprint an admin confirms', () => {
    const trust = requests['hosts:trust-key'].req;
    expect(trust.safeParse({ hostId: 'h', fingerprint: `SHA256:${'A'.repeat(43)}` }).success).toBe(
      true,
    );
    expect(refusal(trust, { hostId: 'h', fingerprint: 'A'.repeat(129) })?.path).toEqual([
      'fingerprint',
    ]);
  });
});
