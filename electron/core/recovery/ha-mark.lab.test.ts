import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Core } from '../core';
import {
  defineGuestXml,
  dropSshPackets,
  guestXml,
  labSh,
  readLab,
  virshAs,
  type LabHost,
} from '../../testing/lab-hosts';
import {
  addRequest,
  journalLines,
  labHosts,
  startLabCore,
  testServiceName,
  waitPlan,
} from '../../testing/service-lab';
import { endRecoveryTest, readKept, waitFor, whereListed } from '../../testing/recovery-lab';

// Issue 13 item 4, "and VMs marked HA", on the real lab: two disk-less guests of no service run on
// hv3, one marked HA by the admin (recovery:set-ha), one not. hv3 goes silent for everyone and is
// powered off through its BMC; the recovery restarts the marked one on hv1/hv2 from the XML the
// console kept, and leaves the other one, saying why. virsh on every host is the judge.
const [hv1, hv2, hv3] = labHosts as [LabHost, LabHost, LabHost];
const table = `fedhamark_${process.pid}`;
let dataDir: string;
let core: Core;
let ids: Map<string, HostId>;
const uuids: string[] = [];

const host = async (id: HostId): Promise<Host> =>
  (await core.handlers['fleet:snapshot']({})).hosts.find((h) => h.config.id === id)!;

beforeAll(async () => {
  labSh('bmc', 'up', '3');
  dataDir = mkdtempSync(join(tmpdir(), 'federator-hamark-lab-'));
  core = await startLabCore({ dataDir, demoByDefault: false, settleTimeoutMs: 10_000 });
  const snapshot = await core.handlers['fleet:snapshot']({});
  ids = new Map(snapshot.hosts.map((h) => [h.config.name, h.config.id]));
}, 90_000);

afterAll(
  () => endRecoveryTest({ table, stopConsole: async () => core?.stop(), uuids, dataDir }),
  60_000,
);

describe('a VM marked HA (lab)', () => {
  it('is restarted on a survivor when its host fails, once; an unmarked one is not', async () => {
    const hv3Id = ids.get('hv3')!;
    const name = testServiceName();
    const markedName = `${name}-ha "marked" $(x)`;
    const plainName = `${name}-plain`;
    const marked = defineGuestXml(hv3, markedName, guestXml(markedName)) as VmId;
    const plain = defineGuestXml(hv3, plainName, guestXml(plainName));
    uuids.push(marked, plain);
    virshAs(hv3, 'start', marked);
    virshAs(hv3, 'start', plain);
    const listed = async () => {
      const vms = (await core.handlers['fleet:snapshot']({})).vms;
      return [marked, plain].every((u) => vms.some((v) => v.id === u && v.state === 'running'));
    };
    await waitFor(listed, 20_000, 'both listed running');
    expect(await core.handlers['recovery:set-ha']({ vmId: marked, ha: true })).toEqual([marked]);
    expect(await core.handlers['recovery:ha-marks']({})).toEqual([marked]);
    // Marked after it was listed: its definition is already kept (every VM's is).
    await waitFor(() => readKept(dataDir).includes(marked), 20_000, 'definition kept');

    const bmc = readLab().hosts.find((h) => h.index === 3)!.bmc!;
    await core.handlers['hosts:update']({
      ...addRequest(hv3),
      hostId: hv3Id,
      power: {
        kind: 'ipmi',
        address: bmc.address,
        port: bmc.port,
        user: bmc.user,
        route: { kind: 'console' },
      },
      powerPassword: bmc.password,
    });
    dropSshPackets(table, hv3, 'everyone');
    await waitFor(
      async () => (await host(hv3Id)).witness?.verdict === 'unreachable-from-all',
      30_000,
      'witnessed down',
    );
    const fencingAt = Date.now();
    const proposal = await core.handlers['recovery:propose']({ hostId: hv3Id, fence: true });
    expect(proposal.blocked).toBeUndefined();
    expect(proposal.fence).toMatchObject({ by: 'bmc', reading: { ok: true, state: 'off' } });
    const leftOut = proposal.leftOut.filter((l) => l.vm === plain || l.vm === marked);
    expect(leftOut).toEqual([{ code: 'not-protected', vm: plain, vmName: plainName }]);
    const plan = proposal.plan!;
    expect(plan.steps.map((s) => `${s.kind} ${s.vmId}`)).toEqual([
      `define ${marked}`,
      `start ${marked}`,
    ]);
    await core.handlers['plans:approve']({ planId: plan.id });
    const done = await waitPlan(core, plan.id);
    expect(done.status, journalLines(done)).toBe('done');
    console.log(
      `MEASURED fenced → the marked VM running on a survivor in ${Date.now() - fencingAt} ms`,
    );

    const where = whereListed([hv1, hv2, hv3], uuids);
    const markedPlaces = where.get(marked)!;
    const running = markedPlaces.filter((p) => p.state === 'running');
    expect(running, JSON.stringify(markedPlaces)).toHaveLength(1);
    expect(running[0]?.host).not.toBe('hv3');
    // The unmarked one: defined on hv3 only (powered off with it), nowhere else.
    expect(where.get(plain)!.map((p) => p.host)).toEqual(['hv3']);
  }, 180_000);
});
