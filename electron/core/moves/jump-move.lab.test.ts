import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labJumpHost } from '../../../lab/lab-description';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { Core } from '../core';
import { until } from '../../testing/core-waits';
import { outOfBandList, virshAs, type LabHost } from '../../testing/lab-hosts';
import { addRequest, journalLines, lab } from '../../testing/service-lab';
import { hv1, idOf, labCore, labHosts, tempDir, waitPaths, waitPlan } from '../../testing/move-lab';

// Live migration with a host the console reaches only through a jump host: hv4 (`lab.sh
// jump-host`) behind hv1. The console's SSH to hv4 rides hv1, but `virsh migrate` runs on the
// source host itself, as its own user, straight to the target: hv4's user reaches hv1 and hv1's
// user reaches hv4 (the nft rule drops root's packets only), each with the other's key verified in
// its own known_hosts. The move goes through vms:plan-moves and plans:approve, the path a drag
// takes, and the hosts' own listings judge where `echo` runs.

const { host: hv4, via } = labJumpHost(lab);
const everyHost: LabHost[] = [...labHosts, hv4];
let dataDir: string;
let core: Core;
let ids: { hv1: HostId; hv4: HostId };
let echo: VmId;

/** The lab hosts that list `uuid`, out of band (virsh as each host's user, no console). */
const listing = (uuid: string): string[] =>
  everyHost.filter((h) => outOfBandList(h).has(uuid)).map((h) => h.name);

beforeAll(async () => {
  expect(via.name).toBe(hv1.name);
  dataDir = tempDir();
  core = await labCore(dataDir); // hv1..hv3, added and trusted, with their facts
  ids = { hv1: await idOf(core, hv1), hv4: '' as HostId };
  const added = await core.handlers['hosts:add']({ ...addRequest(hv4), jumpHostId: ids.hv1 });
  ids.hv4 = added.config.id;
  expect(added.config.jumpHostId).toBe(ids.hv1);
  const trusted = await core.handlers['hosts:trust-key']({
    hostId: ids.hv4,
    fingerprint: hv4.hostKeyFingerprint,
  });
  expect(trusted.state).toBe('connected');
  const snapshot = await until(core, (s) =>
    s.vms.some((vm) => vm.hostId === ids.hv4 && vm.name === 'echo' && vm.state === 'running'),
  );
  echo = snapshot.vms.find((vm) => vm.hostId === ids.hv4 && vm.name === 'echo')!.id;
}, 60_000);

afterAll(async () => {
  // The lab is shared: echo goes back to hv4 if a failed test left it on hv1.
  if (core !== undefined && echo !== undefined && !listing(echo).includes(hv4.name)) {
    const back = await move(ids.hv1, ids.hv4).catch((e: unknown) => e);
    console.log(`afterAll: echo moved back to hv4: ${JSON.stringify(back)}`);
  }
  await core?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** One move of echo through the console's own plan: proposed, approved, settled, timed. */
async function move(from: HostId, to: HostId): Promise<{ plan: Plan; ms: number }> {
  const proposal = await core.handlers['vms:plan-moves']({
    moves: [{ vmId: echo, fromHostId: from, toHostId: to }],
  });
  if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
  const started = performance.now();
  await core.handlers['plans:approve']({ planId: proposal.plan.id });
  const plan = await waitPlan(core, proposal.plan.id);
  return { plan, ms: performance.now() - started };
}

describe('live migration with a host behind a jump host', () => {
  it('the migration paths hv4 → hv1 and hv1 → hv4 are ok, checked by each source host', async () => {
    const pair = (l: { from: HostId; to: HostId }) =>
      (l.from === ids.hv4 && l.to === ids.hv1) || (l.from === ids.hv1 && l.to === ids.hv4);
    const paths = await waitPaths(
      core,
      (list) => list.filter((l) => pair(l) && l.state !== 'unknown').length === 2,
    );
    const words = paths.filter(pair).map((l) => `${l.from}→${l.to}: ${l.state} ${l.message ?? ''}`);
    expect(words.sort()).toEqual([`${ids.hv1}→${ids.hv4}: ok `, `${ids.hv4}→${ids.hv1}: ok `]);
  }, 60_000);

  it('moves echo live hv4 → hv1 and back through the plan; it runs on exactly one host each time', async () => {
    expect(listing(echo)).toEqual([hv4.name]);

    const out = await move(ids.hv4, ids.hv1);
    expect(out.plan.status, journalLines(out.plan)).toBe('done');
    expect(out.plan.steps).toMatchObject([
      { kind: 'migrate', hostId: ids.hv4, targetHostId: ids.hv1, live: true, vmName: 'echo' },
    ]);
    console.log(`jump move hv4 → hv1: ${out.ms.toFixed(0)} ms (approve → plan done)`);
    await until(core, (s) =>
      s.vms.some((vm) => vm.id === echo && vm.hostId === ids.hv1 && vm.state === 'running'),
    );
    expect(listing(echo)).toEqual([hv1.name]);
    expect(virshAs(hv1, 'domstate', echo).trim()).toBe('running');

    const back = await move(ids.hv1, ids.hv4);
    expect(back.plan.status, journalLines(back.plan)).toBe('done');
    expect(back.plan.steps).toMatchObject([
      { kind: 'migrate', hostId: ids.hv1, targetHostId: ids.hv4, live: true, vmName: 'echo' },
    ]);
    console.log(`jump move hv1 → hv4: ${back.ms.toFixed(0)} ms (approve → plan done)`);
    const snapshot = await until(core, (s) =>
      s.vms.some((vm) => vm.id === echo && vm.hostId === ids.hv4 && vm.state === 'running'),
    );
    expect(listing(echo)).toEqual([hv4.name]);
    expect(virshAs(hv4, 'domstate', echo).trim()).toBe('running');
    expect(snapshot.vms.filter((vm) => vm.id === echo).map((vm) => vm.hostId)).toEqual([ids.hv4]);
  }, 120_000);
});
