import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { newPlan, step } from './plan-builder';
import { validatePlan } from './plan-validation';
import { settleStep } from './settle-step';

const hv1 = 'hv1' as HostId;
const hv2 = 'hv2' as HostId;
const id = '11111111-2222-4333-8444-555555555555' as VmId;
const base = { hostId: hv1, vmId: id, vmName: 'web-1', label: 'x' };

describe('validatePlan', () => {
  it('writes the step UUID into a define XML that has none, right inside <domain>', () => {
    const plan = validatePlan(
      newPlan({
        kind: 'deploy',
        title: 'T',
        steps: [
          step('define', { ...base, xml: "<domain type='qemu'><name>web-1</name></domain>" }),
        ],
      }),
    );
    expect(plan.steps[0]?.xml).toBe(
      `<domain type='qemu'>\n  <uuid>${id}</uuid><name>web-1</name></domain>`,
    );
  });

  it('refuses to write a VM id that is not a UUID into the XML', () => {
    const hostile = '1</uuid><devices><emulator>/bin/sh</emulator></devices><uuid>2' as VmId;
    expect(() =>
      validatePlan(
        newPlan({
          kind: 'deploy',
          title: 'T',
          steps: [
            step('define', { ...base, vmId: hostile, xml: '<domain><name>w</name></domain>' }),
          ],
        }),
      ),
    ).toThrow(/its VM id 1<\/uuid>.* is not a UUID/);
  });

  it('refuses a define XML naming another UUID, a missing step, a circle', () => {
    const other = '<domain><uuid>00000000-0000-4000-8000-000000000000</uuid></domain>';
    expect(() =>
      validatePlan(
        newPlan({ kind: 'deploy', title: 'T', steps: [step('define', { ...base, xml: other })] }),
      ),
    ).toThrow(/names UUID 00000000-0000-4000-8000-000000000000, the step 1111/);
    expect(() =>
      validatePlan(
        newPlan({
          kind: 'deploy',
          title: 'T',
          steps: [step('start', { ...base, after: ['nope'] })],
        }),
      ),
    ).toThrow(/waits for nope, which is not in the plan/);
    const a = step('start', { ...base, id: 'a', after: ['b'] });
    const b = step('start', { ...base, id: 'b', after: ['a'] });
    expect(() => validatePlan(newPlan({ kind: 'deploy', title: 'T', steps: [a, b] }))).toThrow(
      /wait for each other in a circle/,
    );
  });
});

describe('settleStep: migrate', () => {
  const vm = (hostId: HostId): Vm => ({
    id,
    hostId,
    name: 'web-1',
    state: 'running',
    vcpus: 1,
    memoryMiB: 64,
    persistent: true,
  });
  const move = step('migrate', { ...base, targetHostId: hv2 });
  const name = (h: HostId): string => h;
  const settle = (source: Vm[], target?: Vm[]): ReturnType<typeof settleStep> =>
    settleStep(
      move,
      new Map(
        target === undefined
          ? [[hv1, source]]
          : [
              [hv1, source],
              [hv2, target],
            ],
      ),
      name,
    );

  it('is done on the target only, to do on the source only, unknown otherwise', () => {
    expect(settle([], [vm(hv2)])).toEqual({ status: 'done', note: 'found on hv2 after restart' });
    expect(settle([vm(hv1)], [])).toMatchObject({ status: 'pending' });
    expect(settle([vm(hv1)], [vm(hv2)])).toMatchObject({
      status: 'unknown',
      note: 'on both hv1 and hv2: a migration may still run',
    });
    expect(settle([], [])).toMatchObject({ status: 'unknown', note: 'on neither hv1 nor hv2' });
    expect(settle([vm(hv1)])).toMatchObject({
      status: 'unknown',
      note: 'hv2 did not answer; not checked yet',
    });
  });
});
