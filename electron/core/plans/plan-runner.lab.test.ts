import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, PlanId, VmId } from '../../../shared/domain/ids';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { createCore, type Core } from '../core';
import {
  outOfBandList,
  removeGuest,
  virshAs,
  xmlEscape,
  type LabHost,
} from '../../testing/lab-hosts';
import { addLabHosts, labHosts } from '../../testing/service-lab';
import { newPlan, newVmId, step } from './plan-builder';

// The runner through the whole core over the real lab hosts: a plan defines and starts two VMs on
// hv1 and hv2 (one waits for the other), virsh on each host is the judge; then a console stopped
// in the middle of a plan leaves it to the next console, which reconciles it from the hosts and
// finishes it when told to, each VM existing once.

const hosts = labHosts;
const [hv1, hv2, hv3] = hosts as [LabHost, LabHost, LabHost];
let vmA: VmId | undefined;
const prefix = `t-plan-${randomBytes(3).toString('hex')}-`;
let dataDir: string;
const cores: Core[] = [];
const hostIds = new Map<string, HostId>();

/** The lab's disk-less guest, with the marker lab.sh cleans up and Federator's own tags. */
function guestXml(name: string, uuid: VmId, application: string, service: string): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <uuid>${uuid}</uuid>
  <metadata>
    <lab:guest xmlns:lab='urn:federator:lab'/>
    <federator:vm xmlns:federator='https://federator.dev/xmlns/vm/1' application='${xmlEscape(application)}' service='${xmlEscape(service)}'/>
  </metadata>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`;
}

/** define + start of one VM on one lab host; the start waits for `after` too. */
function defineAndStart(host: LabHost, name: string, after: string[] = []): PlanStep[] {
  const hostId = hostIds.get(host.name)!;
  const vmId = newVmId();
  const vmName = prefix + name;
  const define = step('define', {
    label: `Define ${vmName} on ${host.name}`,
    hostId,
    vmId,
    vmName,
    xml: guestXml(vmName, vmId, name, 'plan-lab'),
    after,
  });
  const start = step('start', {
    label: `Start ${vmName} on ${host.name}`,
    hostId,
    vmId,
    vmName,
    after: [define.id],
  });
  return [define, start];
}

async function startCore(): Promise<Core> {
  // stopWaitMs 0: a stopping console does not wait for the step under way, as a killed one would not.
  const core = createCore({ dataDir, demoByDefault: false, planTiming: { stopWaitMs: 0 } });
  cores.push(core);
  await core.start();
  return core;
}

/** The plan once `test` holds, checked on each plans:changed (no sleeps). */
async function waitPlan(core: Core, id: PlanId, test: (plan: Plan) => boolean): Promise<Plan> {
  for (;;) {
    let off = (): void => undefined;
    const next = new Promise<void>((wake) => {
      off = core.events.on('plans:changed', (plan) => plan.id === id && wake());
    });
    try {
      const plan = core.plans().get(id);
      if (plan && test(plan)) return plan;
      await next;
    } finally {
      off();
    }
  }
}

/** Our domains on a lab host: name → uuid. */
function ours(host: LabHost): Map<string, string> {
  return new Map(
    [...outOfBandList(host)].filter(([, name]) => name.startsWith(prefix)).map(([u, n]) => [n, u]),
  );
}

const describeSteps = (plan: Plan): string =>
  plan.steps
    .map((s) => `${s.kind} ${s.vmName} ${s.status} ${s.note ?? ''} ${s.error?.message ?? ''}`)
    .join('\n');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-plans-lab-'));
  const core = await startCore();
  for (const [name, id] of await addLabHosts(core)) hostIds.set(name, id);
});

afterAll(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  for (const host of hosts) for (const uuid of ours(host).values()) removeGuest(host, uuid);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('plan runner against the lab', () => {
  it('defines and starts two VMs on hv1 and hv2, the second once the first runs', async () => {
    const core = cores[0]!;
    const [defineA, startA] = defineAndStart(hv1, 'a');
    const [defineB, startB] = defineAndStart(hv2, 'b', [startA!.id]);
    const plan = newPlan({
      kind: 'deploy',
      title: 'Plan lab: a then b',
      steps: [defineA!, startA!, defineB!, startB!],
    });
    const started = performance.now();
    await core.plans().run(plan);
    const end = await core.plans().settled(plan.id);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`plan-runner lab: define+start of 2 VMs on 2 hosts took ${seconds} s`);
    expect(end.status, describeSteps(end)).toBe('done');
    const a = startA!.vmId;
    const b = startB!.vmId;
    vmA = a;
    expect(virshAs(hv1, 'domstate', a).trim()).toBe('running');
    expect(virshAs(hv2, 'domstate', b).trim()).toBe('running');
    expect(virshAs(hv2, 'dumpxml', b)).toMatch(/federator:vm [^>]*application=["']b["']/);
    // b's start began only after a's start was done (journaled times).
    expect(end.steps[3]!.startedAt!).toBeGreaterThanOrEqual(end.steps[1]!.endedAt!);
    // The fleet shows them too: what the window draws.
    const { vms } = await core.handlers['fleet:snapshot']({});
    expect(vms.find((v) => v.id === b)).toMatchObject({
      hostId: hostIds.get('hv2'),
      state: 'running',
    });
  });

  it('a console stopped mid-plan leaves it interrupted; the next one reconciles it from the hosts and resume finishes it', async () => {
    const first = cores[0]!;
    const [defineC, startC] = defineAndStart(hv1, 'c');
    const [defineD, startD] = defineAndStart(hv2, 'd', [startC!.id]);
    const plan = newPlan({
      kind: 'deploy',
      title: 'Plan lab: cut in the middle',
      steps: [defineC!, startC!, defineD!, startD!],
    });
    // Stop the console the moment "define d" is journaled running: its host may or may not have
    // done it, and nothing more is written (the journal keeps it running, as after a kill).
    let stopping: Promise<void> | undefined;
    const off = first.events.on('plans:changed', (p) => {
      if (p.id === plan.id && p.steps[2]?.status === 'running') stopping ??= first.stop();
    });
    await first.plans().run(plan);
    await waitPlan(first, plan.id, () => stopping !== undefined);
    await stopping;
    off();

    const second = await startCore();
    const interrupted = second.plans().get(plan.id)!;
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.steps.map((s) => s.status).slice(0, 2)).toEqual(['done', 'done']);
    // Once hv2 is connected again, define d is settled from what it reports.
    const checked = await waitPlan(second, plan.id, (p) => p.steps[2]?.status !== 'unknown');
    expect(['done', 'pending'], describeSteps(checked)).toContain(checked.steps[2]!.status);
    const definedBefore = ours(hv2).has(prefix + 'd');
    expect(checked.steps[2]!.status).toBe(definedBefore ? 'done' : 'pending');
    if (definedBefore) expect(checked.steps[2]!.note).toBe('found defined on hv2 after restart');
    console.log(`plan-runner lab: after the restart, define d was ${checked.steps[2]!.status}`);
    expect(checked.status).toBe('interrupted');

    await second.plans().resume(plan.id);
    const end = await second.plans().settled(plan.id);
    expect(end.status, describeSteps(end)).toBe('done');
    const c = startC!.vmId;
    const d = startD!.vmId;
    expect(virshAs(hv1, 'domstate', c).trim()).toBe('running');
    expect(virshAs(hv2, 'domstate', d).trim()).toBe('running');
    // Each VM exactly once, on its own host only.
    for (const host of hosts) {
      const names = [...outOfBandList(host).values()].filter((n) => n.startsWith(prefix));
      expect(new Set(names).size).toBe(names.length);
    }
    expect(ours(hv1).get(prefix + 'c')).toBe(c);
    expect(ours(hv2).get(prefix + 'd')).toBe(d);
    expect(hosts.filter((h) => ours(h).has(prefix + 'd'))).toHaveLength(1);
  });

  it("a failed plan after a live migration rolls back: the VM migrates back, with libvirt's words kept", async () => {
    const core = cores.at(-1)!;
    const a = vmA!;
    const move = step('migrate', {
      label: `Move ${prefix}a to hv3`,
      hostId: hostIds.get('hv1')!,
      targetHostId: hostIds.get('hv3')!,
      vmId: a,
      vmName: `${prefix}a`,
      live: true,
    });
    const missing = newVmId();
    const doomed = step('start', {
      label: 'Start a VM hv3 never had',
      hostId: hostIds.get('hv3')!,
      vmId: missing,
      vmName: `${prefix}ghost`,
      after: [move.id],
    });
    const plan = newPlan({
      kind: 'move',
      title: 'Plan lab: move then fail',
      steps: [move, doomed],
    });
    const progress: number[] = [];
    const off = core.events.on('plans:changed', (p) => {
      const value = p.id === plan.id ? p.steps[0]?.progress : undefined;
      if (value !== undefined) progress.push(value);
    });
    const started = performance.now();
    await core.plans().run(plan);
    const failed = await core.plans().settled(plan.id);
    off();
    console.log(
      `plan-runner lab: live migration + failing step took ${((performance.now() - started) / 1000).toFixed(1)} s; progress seen ${progress.join(',')}`,
    );
    expect(failed.status, describeSteps(failed)).toBe('failed');
    expect(failed.steps.map((s) => s.status)).toEqual(['done', 'failed']);
    expect(failed.error?.message).toMatch(new RegExp(`^Couldn't start ${prefix}ghost on hv3: `));
    expect(failed.error?.hostId).toBe(hostIds.get('hv3'));
    expect(failed.error?.message).toBe(
      `Couldn't start ${prefix}ghost on hv3: failed to get domain '${missing}'`,
    );
    expect(failed.error?.detail).toContain(`error: failed to get domain '${missing}'`);
    expect(progress.at(-1)).toBe(100);
    expect(ours(hv3).get(`${prefix}a`)).toBe(a);
    expect(ours(hv1).has(`${prefix}a`)).toBe(false);
    const { vms } = await core.handlers['fleet:snapshot']({});
    expect(vms.filter((v) => v.id === a).map((v) => v.hostId)).toEqual([hostIds.get('hv3')]);

    const back = await core.handlers['plans:rollback']({ planId: plan.id });
    expect(back.steps.map((s) => `${s.kind} ${s.hostId}→${s.targetHostId ?? ''}`)).toEqual([
      `migrate ${hostIds.get('hv3')}→${hostIds.get('hv1')}`,
    ]);
    const end = await core.plans().settled(back.id);
    expect(end.status, describeSteps(end)).toBe('done');
    expect(virshAs(hv1, 'domstate', a).trim()).toBe('running');
    expect(ours(hv3).has(`${prefix}a`)).toBe(false);
    expect(core.plans().get(plan.id)?.status).toBe('failed');
  });
});
