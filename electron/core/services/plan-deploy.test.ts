import { describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { ServiceId, VmId } from '../../../shared/domain/ids';
import type { Plan, PlanStep, Proposal } from '../../../shared/domain/plan';
import { API, DB, SHOP, WEB, app, host, shop, vm } from '../../../shared/testing/service-fixtures';
import { parseDomainXml } from '../hypervisor/libvirt/parse-domain-xml';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { choiceWords, runnerUpWords } from '../../../shared/words/choice-words';
import { createNamer } from '../../../shared/words/namer';
import type { PlanningView } from '../../../shared/placement-input/build-input';
import { planDeploy } from './plan-deploy';

const hv1 = host('hv1', { memoryMiB: 8192 });
const hv2 = host('hv2', { memoryMiB: 8192 });
const hv3 = host('hv3', { memoryMiB: 16384 });

function fleet(extra: Partial<PlanningView> = {}): PlanningView {
  return {
    hosts: [hv1, hv2, hv3],
    vms: [],
    services: [],
    paths: [],
    overcommit: DEFAULT_SETTINGS,
    ...extra,
  };
}

function ids(): () => VmId {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` as VmId;
}

function planOf(proposal: Proposal): Plan {
  if (!proposal.ok) throw new Error(`not ok: ${JSON.stringify(proposal.unplaced)}`);
  return proposal.plan;
}

const byName = (plan: Plan, kind: PlanStep['kind'], name: string): PlanStep => {
  const found = plan.steps.find((s) => s.kind === kind && s.vmName === name);
  if (!found) throw new Error(`no ${kind} step for ${name}`);
  return found;
};

describe('planDeploy', () => {
  it('defines and starts every VM, named <service>-<app>-<n>, web spread over hosts', () => {
    const plan = planOf(planDeploy(shop(), fleet(), ids()));
    expect(plan).toMatchObject({
      kind: 'deploy',
      status: 'review',
      title: 'Deploy shop',
      serviceId: SHOP,
    });
    const defines = plan.steps.filter((s) => s.kind === 'define');
    expect(defines.map((s) => s.vmName).sort()).toEqual([
      'shop-api-1',
      'shop-db-1',
      'shop-web-1',
      'shop-web-2',
    ]);
    expect(plan.steps.filter((s) => s.kind === 'start')).toHaveLength(4);
    const webHosts = defines.filter((s) => s.application === WEB).map((s) => s.hostId);
    expect(new Set(webHosts).size).toBe(2);
    for (const define of defines) {
      const facts = parseDomainXml(define.xml ?? '');
      expect(facts).toMatchObject({
        uuid: define.vmId,
        name: define.vmName,
        application: define.application,
        service: SHOP,
      });
      expect(define.label).toMatch(/^Define shop-\w+-\d on hv\d$/);
    }
  });

  it('starts each VM after its define and after the start of every application it depends on', () => {
    const plan = planOf(planDeploy(shop(), fleet(), ids()));
    const dbStart = byName(plan, 'start', 'shop-db-1');
    expect(dbStart.after).toEqual([byName(plan, 'define', 'shop-db-1').id]);
    for (const name of ['shop-web-1', 'shop-web-2', 'shop-api-1']) {
      const start = byName(plan, 'start', name);
      expect(start.after).toEqual([byName(plan, 'define', name).id, dbStart.id]);
    }
    for (const define of plan.steps.filter((s) => s.kind === 'define'))
      expect(define.after).toEqual([]);
  });

  it('explains each choice in words, with runners-up', () => {
    const bundle = shop({
      apps: [
        app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'soft' } }),
        app(API, 'api'),
        app(DB, 'db'),
      ],
    });
    const plan = planOf(planDeploy(bundle, fleet({ hosts: [hv1, hv2] }), ids()));
    expect(plan.review).toHaveLength(4);
    for (const review of plan.review ?? []) {
      expect(review.reason).toMatch(/^most headroom left: \d+\.\d GiB memory free after/);
    }
    const notes = (plan.review ?? []).flatMap((r) => r.runnersUp.map((u) => u.note));
    expect(notes).toContainEqual(
      expect.stringMatching(/^hv\d: 1 web replica already there \(spread\)/),
    );
    expect(notes).toContainEqual(
      expect.stringMatching(/^hv\d: less headroom: \d+\.\d GiB memory free after$/),
    );
  });

  it('carries each choice as data too, the words said from it', () => {
    const bundle = shop({ apps: [app(WEB, 'web', { replicas: 2 }), app(DB, 'db')] });
    const plan = planOf(planDeploy(bundle, fleet({ hosts: [hv1, hv2] }), ids()));
    const review = plan.review ?? [];
    const names = createNamer({ hosts: [hv1, hv2], vms: [], services: [bundle] });
    expect(review.length).toBeGreaterThan(0);
    for (const r of review) {
      expect(r.why?.[0]).toMatchObject({ code: 'most-headroom' });
      expect(r.reason).toBe(choiceWords(r.why ?? [], names));
      for (const u of r.runnersUp) {
        expect(u.why?.length).toBeGreaterThan(0);
        expect(u.note).toBe(runnerUpWords(u.hostId, u.why ?? [], names));
      }
    }
  });

  it('an application that fits nowhere: nothing planned, reasons name memory, the others blocked by it', () => {
    const bundle = shop({
      apps: [
        app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'hard' } }),
        app(API, 'api'),
        app(DB, 'db', { memoryMiB: 10 * 1024 * 1024 }),
      ],
    });
    const proposal = planDeploy(bundle, fleet(), ids());
    expect(proposal.ok).toBe(false);
    if (proposal.ok) return;
    expect(proposal.message).toBe('Service shop cannot be deployed: nothing was created');
    const db = proposal.unplaced.find((u) => u.application === DB);
    expect(db?.vmName).toBe('shop-db-1');
    expect(db?.reasons).toEqual(['3 hosts: memory short by ≥ 10.0 TiB']);
    expect(db?.suggestions.join(' ')).toMatch(/^add a host with at least/);
    expect(JSON.stringify(proposal)).not.toContain('id-hv'); // host names, never ids
    const web = proposal.unplaced.find((u) => u.application === WEB);
    expect(web?.blockedBy).toBe('db fits nowhere');
    expect(web?.reasons).toEqual([
      'service shop is placed all or nothing and application db cannot be placed',
    ]);
  });

  it('existing VMs of the service count as placed; a shut-off one is started in order', () => {
    const vms = [
      vm('shop-web-1', hv1, { app: WEB }),
      vm('shop-db-1', hv3, { app: DB, state: 'shutoff' }),
      vm('alpha', hv2),
    ];
    const plan = planOf(planDeploy(shop(), fleet({ vms }), ids()));
    const defines = plan.steps.filter((s) => s.kind === 'define');
    expect(defines.map((s) => s.vmName).sort()).toEqual(['shop-api-1', 'shop-web-2']);
    expect(defines.find((s) => s.vmName === 'shop-web-2')?.hostId).not.toBe(hv1.config.id);
    const dbStart = byName(plan, 'start', 'shop-db-1');
    expect(dbStart.vmId).toBe('uuid-shop-db-1');
    expect(byName(plan, 'start', 'shop-web-2').after).toContain(dbStart.id);
    expect(plan.steps.some((s) => s.vmName === 'shop-web-1' && s.kind === 'start')).toBe(false);
  });

  it('a name taken by another VM is skipped; hostile names stay data', () => {
    const hostile = `it's "$(reboot)"`;
    const vms = [vm(`${hostile}-db-1`, hv1)];
    const plan = planOf(planDeploy(shop({ name: hostile }), fleet({ vms }), ids()));
    const define = byName(plan, 'define', `${hostile}-db-2`);
    expect(parseDomainXml(define.xml ?? '').name).toBe(`${hostile}-db-2`);
  });

  it('vCPUs are overcommitted 4:1: two-core hosts holding two guests each still take the shop', () => {
    const small = [host('hv1', { cores: 2 }), host('hv2', { cores: 2 }), host('hv3', { cores: 2 })];
    const vms = small.flatMap((h) => [
      vm(`a-${h.config.name}`, h),
      vm(`b-${h.config.name}`, h, { state: 'shutoff' }),
    ]);
    const plan = planOf(planDeploy(shop(), fleet({ hosts: small, vms }), ids()));
    expect(plan.steps.filter((s) => s.kind === 'define')).toHaveLength(4);
  });

  it('another service that is not deployed takes no room', () => {
    // Four 8150 MiB hogs would leave no host with 64 MiB free; not deployed, they count for nothing.
    const hog = app('app-hog' as typeof WEB, 'hog', {
      service: 'svc-hogs' as ServiceId,
      memoryMiB: 8150,
      replicas: 4,
    });
    const hogs: ServiceBundle = {
      service: {
        ...shop().service,
        id: 'svc-hogs' as ServiceId,
        name: 'hogs',
        applications: [hog.id],
        dependsOn: {},
      },
      applications: [hog],
    };
    const plan = planOf(planDeploy(shop(), fleet({ services: [hogs] }), ids()));
    expect(plan.steps.filter((s) => s.kind === 'define')).toHaveLength(4);
    // One deployed hog does count: it is a VM on its host.
    const deployed = [
      vm('hogs-hog-1', hv3, {
        application: hog.id,
        service: 'svc-hogs' as ServiceId,
        memoryMiB: 8150,
      }),
    ];
    const withOne = planOf(planDeploy(shop(), fleet({ services: [hogs], vms: deployed }), ids()));
    expect(withOne.steps.filter((s) => s.kind === 'define')).toHaveLength(4);
  });
});
