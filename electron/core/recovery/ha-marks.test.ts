import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import type { VmId } from '../../../shared/domain/ids';
import { isActive, type Vm } from '../../../shared/domain/vm';
import { createCore, type Core } from '../core';
import { until, waitPlan } from '../../testing/core-waits';
import { newPlan, step } from '../plans/plan-builder';
import { haMarks, marksLeftAfter, MAX_HA_MARKS, setHaMark } from './ha-marks';

const vm = (n: number): VmId => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as VmId;

/** The inventory's settings in memory, parsed through the schema as the inventory does. */
function memorySettings() {
  const values = new Map<string, unknown>();
  return {
    getSetting<S extends ZodType>(key: string, schema: S) {
      return values.has(key) ? (schema.parse(values.get(key))) : undefined;
    },
    setSetting(key: string, value: unknown) {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('HA marks: the cap', () => {
  it('takes 5,000 marks and refuses the 5,001st in words, keeping the 5,000', async () => {
    const settings = memorySettings();
    await settings.setSetting(
      'recovery.ha-vms',
      Array.from({ length: MAX_HA_MARKS - 1 }, (_, i) => vm(i + 1)),
    );
    expect(await setHaMark(settings, vm(MAX_HA_MARKS), true, 'db 5000')).toHaveLength(MAX_HA_MARKS);
    await expect(setHaMark(settings, vm(MAX_HA_MARKS + 1), true, `it's "x"`)).rejects.toMatchObject(
      {
        code: 'conflict',
        message: `Couldn't mark VM it's "x" to restart on another host: 5,000 VMs are marked already, the most the console keeps; unmark one first`,
      },
    );
    expect(haMarks(settings)).toHaveLength(MAX_HA_MARKS);
    expect(haMarks(settings)).not.toContain(vm(MAX_HA_MARKS + 1));
    // Marking one already marked again is no new mark, so the cap does not refuse it.
    expect(await setHaMark(settings, vm(1), true)).toHaveLength(MAX_HA_MARKS);
    // Room made by unmarking one: the refused VM is taken.
    await setHaMark(settings, vm(2), false);
    expect(await setHaMark(settings, vm(MAX_HA_MARKS + 1), true)).toContain(vm(MAX_HA_MARKS + 1));
  });
});

describe('HA marks: a deleted VM loses its mark', () => {
  const undefine = (id: VmId, status: 'done' | 'failed') => ({
    ...step('undefine', { hostId: 'hv1' as never, vmId: id, vmName: id, label: 'Remove' }),
    status,
  });

  it('goes when an undefine step is done and no host lists the UUID; kept otherwise', () => {
    const marks = [vm(1), vm(2), vm(3), vm(4)];
    const listed = new Set<string>([vm(2)]); // a copy removed while the VM lives on elsewhere
    const plan = {
      steps: [
        undefine(vm(1), 'done'),
        undefine(vm(2), 'done'),
        undefine(vm(3), 'failed'),
        undefine(vm(9), 'done'), // not marked
      ],
    };
    expect(marksLeftAfter(plan, marks, (id) => listed.has(id))).toEqual([vm(2), vm(3), vm(4)]);
    expect(marksLeftAfter({ steps: [undefine(vm(3), 'failed')] }, marks, () => false)).toBe(
      undefined,
    );
    expect(marksLeftAfter(plan, [], () => false)).toBe(undefined);
  });
});

describe('HA marks in a whole console', () => {
  let dataDir: string;
  let cores: Core[];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'federator-ha-marks-'));
    cores = [];
  });
  afterEach(async () => {
    await Promise.all(cores.map((c) => c.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async (): Promise<Core> => {
    const core = createCore({
      dataDir,
      demo: { fleet: { hosts: 3, vmsPerHost: 5, seed: 3 }, connectDelayMs: 1, tickMs: 0 },
    });
    cores.push(core);
    await core.start();
    return core;
  };
  const loose = (vms: readonly Vm[]) =>
    vms.filter((v) => v.service === undefined).sort((a, b) => a.name.localeCompare(b.name));

  it('are kept across a restart (a second console on the same data folder)', async () => {
    const first = await start();
    const fleet = await until(first, (s) => loose(s.vms).length >= 2);
    const [a, b] = loose(fleet.vms) as [Vm, Vm];
    await first.handlers['recovery:set-ha']({ vmId: a.id, ha: true });
    await first.handlers['recovery:set-ha']({ vmId: b.id, ha: true });
    await first.stop();

    const second = await start();
    expect((await second.handlers['recovery:ha-marks']({})).sort()).toEqual([a.id, b.id].sort());
  });

  it('a VM the console deletes loses its mark; the others keep theirs, after a restart too', async () => {
    const first = await start();
    const fleet = await until(
      first,
      (s) => loose(s.vms).some((v) => !isActive(v.state)) && loose(s.vms).length >= 2,
    );
    const gone = loose(fleet.vms).find((v) => !isActive(v.state))!;
    const kept = loose(fleet.vms).find((v) => v.id !== gone.id)!;
    await first.handlers['recovery:set-ha']({ vmId: gone.id, ha: true });
    await first.handlers['recovery:set-ha']({ vmId: kept.id, ha: true });

    const plan = newPlan({
      kind: 'undo',
      title: `Remove ${gone.name}`,
      steps: [
        step('undefine', {
          hostId: gone.hostId,
          vmId: gone.id,
          vmName: gone.name,
          label: `Remove ${gone.name}`,
        }),
      ],
    });
    await first.plans().run(plan);
    expect((await waitPlan(first, plan.id)).status).toBe('done');
    await until(first, (s) => !s.vms.some((v) => v.id === gone.id));
    for (let i = 0; i < 100; i++) {
      if ((await first.handlers['recovery:ha-marks']({})).length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await first.handlers['recovery:ha-marks']({})).toEqual([kept.id]);
    await first.stop();

    const second = await start();
    expect(await second.handlers['recovery:ha-marks']({})).toEqual([kept.id]);
  });
});
