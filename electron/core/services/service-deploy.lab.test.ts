import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { PlanId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { serviceHealth } from '../../../shared/services/health';
import type { Core } from '../core';
import { until } from '../../testing/core-waits';
import { defineGuest, virshAsAsync } from '../../testing/lab-hosts';
import {
  domainsNamed,
  domState,
  dumpxml,
  everyDomain,
  journalLines,
  labHosts,
  labShop,
  removeDomainsNamed,
  startLabCore,
  testServiceName,
  waitPlan as waitPlanOf,
} from '../../testing/service-lab';

// The whole core over the three lab hosts: a service is saved, deployed through a reviewed plan,
// stopped, started, degraded out of band, and deleted; virsh on each host is the judge.

// The lab guests boot no OS, so `virsh shutdown` is ignored: a stop step waits this long, then
// forces the guest off. Short here so the test does not wait a minute per VM.
const SHUTDOWN_GRACE_MS = 1500;

let dataDir: string;
let core: Core;
const names: string[] = [];

const waitPlan = (id: PlanId, test?: (plan: Plan) => boolean): Promise<Plan> =>
  waitPlanOf(core, id, test);

async function saveShop(bundle: ServiceBundle): Promise<ServiceBundle> {
  names.push(bundle.service.name);
  return core.handlers['services:save'](bundle);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-services-lab-'));
  core = await startLabCore({
    dataDir,
    demoByDefault: false,
    shutdownGraceMs: SHUTDOWN_GRACE_MS,
  });
});

afterAll(async () => {
  await core.stop();
  for (const name of names) removeDomainsNamed(`${name}-`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('services against the lab', () => {
  it('deploys web ×2, api and db onto three hosts: each domain once, tagged, running, db started first', async () => {
    const shop = await saveShop(labShop(testServiceName()));
    const prefix = `${shop.service.name}-`;
    const startedAt = performance.now();
    const proposal = await core.handlers['services:plan-deploy']({ serviceId: shop.service.id });
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.unplaced));
    const planned = performance.now();
    expect(proposal.plan.status).toBe('review');
    expect(proposal.plan.review).toHaveLength(4);
    expect(domainsNamed(prefix)).toEqual([]); // a proposal creates nothing
    await core.handlers['plans:approve']({ planId: proposal.plan.id });
    const approved = performance.now();
    const plan = await waitPlan(proposal.plan.id);
    expect(plan.status, journalLines(plan)).toBe('done');
    await until(core, (s) => serviceHealth(shop, s.vms, s.hosts).state === 'healthy');
    const healthy = performance.now();
    console.log(
      `deploy: ${shop.service.name} healthy after ${(healthy - startedAt).toFixed(0)} ms (plan-deploy → healthy); ` +
        `planning ${(planned - startedAt).toFixed(0)} ms, approve → healthy ${(healthy - approved).toFixed(0)} ms`,
    );

    const domains = domainsNamed(prefix);
    expect(domains.map((d) => d.name).sort()).toEqual(
      ['api-1', 'db-1', 'web-1', 'web-2'].map((n) => `${prefix}${n}`),
    );
    const webHosts = domains.filter((d) => d.name.includes('-web-')).map((d) => d.host.name);
    expect(new Set(webHosts).size).toBe(2); // spread hard across hosts
    const appOf = new Map(shop.applications.map((a) => [a.name, a.id]));
    for (const d of domains) {
      const xml = dumpxml(d.host, d.uuid);
      const appName = d.name.slice(prefix.length).replace(/-\d+$/, '');
      expect(xml).toMatch(/xmlns:federator=["']https:\/\/federator\.dev\/xmlns\/vm\/1["']/);
      expect(xml).toContain(`application="${appOf.get(appName) ?? '?'}"`);
      expect(xml).toContain(`service="${shop.service.id}"`);
      expect(domState(d.host, d.uuid)).toBe('running');
    }
    // Each define step made exactly the domain it named.
    const defined = plan.steps
      .filter((s) => s.kind === 'define')
      .map((s) => s.vmId)
      .sort();
    expect(domains.map((d) => d.uuid).sort()).toEqual(defined);

    const db = plan.steps.find((s) => s.kind === 'start' && s.vmName === `${prefix}db-1`);
    const dependents = plan.steps.filter(
      (s) => s.kind === 'start' && s.application !== db?.application,
    );
    expect(dependents).toHaveLength(3);
    for (const s of dependents) {
      expect(s.startedAt ?? 0, journalLines(plan)).toBeGreaterThanOrEqual(db?.endedAt ?? Infinity);
    }
  }, 180_000);

  it('a hostile service name is data all the way to virsh: the domain carries it exactly, nothing runs', async () => {
    // No "/" in a name: the marker is relative, so a shell that ran it would create it in the
    // host user's home (the SSH session's directory) or the test's own directory.
    const marker = `${testServiceName()}-pwned`;
    const markers = [...labHosts.map((h) => join(h.home, marker)), join(process.cwd(), marker)];
    const hostile = `${testServiceName()} it's "$(touch ${marker})" \`touch ${marker}\``;
    const base = labShop(hostile);
    const db = base.applications.find((a) => a.name === 'db');
    if (!db) throw new Error('no db');
    const bundle: ServiceBundle = {
      service: { ...base.service, applications: [db.id], dependsOn: {} },
      applications: [db],
    };
    const shop = await saveShop(bundle);
    const proposal = await core.handlers['services:plan-deploy']({ serviceId: shop.service.id });
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.unplaced));
    await core.handlers['plans:approve']({ planId: proposal.plan.id });
    const plan = await waitPlan(proposal.plan.id);
    expect(plan.status, journalLines(plan)).toBe('done');
    const domains = domainsNamed(`${hostile}-`);
    expect(domains.map((d) => d.name)).toEqual([`${hostile}-db-1`]);
    for (const path of markers) expect(existsSync(path)).toBe(false);
  }, 120_000);

  it('adopts a VM defined out of band: tagged in its metadata, counted as the replica it now is', async () => {
    const shop = await saveShop(labShop(testServiceName()));
    const db = shop.applications.find((a) => a.name === 'db');
    if (!db) throw new Error('no db');
    const hv1 = labHosts[0];
    if (!hv1) throw new Error('no hv1');
    const legacyName = `${shop.service.name}-legacy`;
    const uuid = defineGuest(hv1, legacyName);
    const seen = await until(core, (s) => s.vms.some((vm) => vm.id === uuid));
    const legacy = seen.vms.find((vm) => vm.id === uuid);
    if (!legacy) throw new Error('not listed');
    const plan = await core.handlers['services:adopt']({
      serviceId: shop.service.id,
      applicationId: db.id,
      vms: [{ hostId: legacy.hostId, vmId: legacy.id }],
    });
    expect(plan.steps.map((s) => s.kind)).toEqual(['set-metadata']);
    const done = await waitPlan(plan.id);
    expect(done.status, journalLines(done)).toBe('done');
    expect(dumpxml(hv1, uuid)).toContain(`application="${db.id}"`);
    const tagged = await until(core, (s) =>
      s.vms.some(
        (vm) => vm.id === uuid && vm.application === db.id && vm.service === shop.service.id,
      ),
    );
    expect(
      serviceHealth(shop, tagged.vms, tagged.hosts).applications.find((a) => a.name === 'db')?.vms,
    ).toHaveLength(1);
    // db has one replica, and it is this one now.
    const another = defineGuest(hv1, `${shop.service.name}-legacy-2`);
    const again = await until(core, (s) => s.vms.some((vm) => vm.id === another));
    const second = again.vms.find((vm) => vm.id === another);
    await expect(
      core.handlers['services:adopt']({
        serviceId: shop.service.id,
        applicationId: db.id,
        vms: [{ hostId: second?.hostId ?? legacy.hostId, vmId: another as typeof legacy.id }],
      }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: `Couldn't adopt VMs into ${shop.service.name}/db: db has 1 replica and 1 already: raise its replicas first`,
    });
  }, 120_000);

  it('an application of 10 TiB: refused with memory named, and no domain created anywhere', async () => {
    const shop = await saveShop(labShop(testServiceName(), 10 * 1024 * 1024));
    const before = everyDomain();
    const proposal = await core.handlers['services:plan-deploy']({ serviceId: shop.service.id });
    expect(proposal.ok).toBe(false);
    if (proposal.ok) return;
    expect(proposal.message).toBe(
      `Service ${shop.service.name} cannot be deployed: nothing was created`,
    );
    const db = proposal.unplaced.find((u) => u.vmName === `${shop.service.name}-db-1`);
    expect(db?.reasons.join('; ')).toMatch(/memory short by/);
    expect(proposal.unplaced.filter((u) => u.blockedBy === 'db fits nowhere')).toHaveLength(3);
    const plans = await core.handlers['plans:list']({});
    expect(plans.filter((p) => p.serviceId === shop.service.id)).toEqual([]);
    // Other helpers create VMs on the same hosts meanwhile: any domain new since `before` must not
    // be ours (by name or by the service id in its metadata).
    expect(domainsNamed(`${shop.service.name}-`)).toEqual([]);
    const fresh = everyDomain().filter(
      (d) => !before.some((b) => b.host === d.host && b.uuid === d.uuid),
    );
    for (const d of fresh) expect(dumpxml(d.host, d.uuid)).not.toContain(shop.service.id);
  });

  it('stop, start, a VM destroyed out of band shows degraded, then delete removes VMs and definition', async () => {
    const shop = await saveShop(labShop(testServiceName()));
    const prefix = `${shop.service.name}-`;
    const proposal = await core.handlers['services:plan-deploy']({ serviceId: shop.service.id });
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.unplaced));
    await core.handlers['plans:approve']({ planId: proposal.plan.id });
    expect((await waitPlan(proposal.plan.id)).status).toBe('done');
    await until(core, (s) => serviceHealth(shop, s.vms, s.hosts).state === 'healthy');

    const stopAt = performance.now();
    const stop = await core.handlers['services:stop']({ serviceId: shop.service.id });
    expect(stop.steps.map((s) => s.kind)).toEqual(['shutdown', 'shutdown', 'shutdown', 'shutdown']);
    const stopped = await waitPlan(stop.id);
    expect(stopped.status, journalLines(stopped)).toBe('done');
    const stopMs = performance.now() - stopAt;
    for (const d of domainsNamed(prefix)) expect(domState(d.host, d.uuid)).toBe('shut off');
    // Reverse order: db's shutdown began only after web's and api's had ended.
    const dbStop = stopped.steps.find((s) => s.vmName === `${prefix}db-1`);
    for (const s of stopped.steps.filter((x) => x !== dbStop)) {
      expect(dbStop?.startedAt ?? 0, journalLines(stopped)).toBeGreaterThanOrEqual(
        s.endedAt ?? Infinity,
      );
    }
    await until(core, (s) => serviceHealth(shop, s.vms, s.hosts).state === 'down');

    const startAt = performance.now();
    const start = await core.handlers['services:start']({ serviceId: shop.service.id });
    const started = await waitPlan(start.id);
    expect(started.status, journalLines(started)).toBe('done');
    await until(core, (s) => serviceHealth(shop, s.vms, s.hosts).state === 'healthy');
    const startMs = performance.now() - startAt;

    const web = domainsNamed(`${prefix}web-`)[0];
    if (!web) throw new Error('no web VM');
    const destroyedAt = performance.now();
    await virshAsAsync(web.host, 'destroy', web.uuid);
    const returnedAt = performance.now(); // virsh destroy itself takes a while under load
    const degraded = await until(
      core,
      (s) => serviceHealth(shop, s.vms, s.hosts).state === 'degraded',
    );
    const degradedMs = performance.now() - destroyedAt;
    const afterReturnMs = performance.now() - returnedAt;
    expect(serviceHealth(shop, degraded.vms, degraded.hosts).reasons[0]).toMatch(
      new RegExp(`^web: 1 of 2 running \\(${web.name} shut off on hv\\d\\)$`),
    );
    console.log(
      `operate: ${shop.service.name} stop ${stopMs.toFixed(0)} ms (grace ${SHUTDOWN_GRACE_MS} ms, forced off: lab guests ignore shutdown), ` +
        `start → healthy ${startMs.toFixed(0)} ms, out-of-band destroy → degraded ${degradedMs.toFixed(0)} ms ` +
        `(${afterReturnMs.toFixed(0)} ms after virsh returned)`,
    );
    // The event stream, not the 5 s poll, must carry it: well under the poll period.
    expect(afterReturnMs).toBeLessThan(2000);

    const deletion = await core.handlers['services:plan-delete']({ serviceId: shop.service.id });
    expect(deletion.status).toBe('review');
    await core.handlers['plans:approve']({ planId: deletion.id });
    const deleted = await waitPlan(deletion.id);
    expect(deleted.status, journalLines(deleted)).toBe('done');
    expect(domainsNamed(prefix)).toEqual([]);
    // The definition is forgotten once the plan is done (its event comes just after).
    const forgotten = Date.now() + 5000;
    let ids = (await core.handlers['services:list']({})).services.map((b) => b.service.id);
    while (ids.includes(shop.service.id) && Date.now() < forgotten) {
      await new Promise((r) => setTimeout(r, 50));
      ids = (await core.handlers['services:list']({})).services.map((b) => b.service.id);
    }
    expect(ids).not.toContain(shop.service.id);
  }, 180_000);
});
