import { describe, expect, it } from 'vitest';
import { AlertRule, type AlertScope } from '../../../shared/domain/alert';
import type { Host } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import type { HostSample } from '../../../shared/domain/metrics';
import { DB, host, shop, SHOP, vm, WEB } from '../../../shared/testing/service-fixtures';
import { AlertBook } from './alert-book';
import { buildAlertView } from './alert-view';
import { AlertEvaluator } from './evaluator';
import { findNMinusOne } from './n-minus-one';

const hv1 = { ...host('hv1'), config: { ...host('hv1').config, labels: { zone: 'a' } } };
const hv2 = host('hv2');
const web1 = vm('web-1', hv1, { app: WEB });
const web2 = vm('web-2', hv2, { app: WEB });
const loose = vm('loose', hv2);
const fleet = { hosts: [hv1, hv2], vms: [web1, web2, loose], services: [shop()], paths: [] };

function cpuRule(scope: AlertScope = { kind: 'all' }, metric: 'vm-cpu' | 'host-cpu' = 'vm-cpu') {
  return AlertRule.parse({
    id: 'cpu',
    name: 'CPU',
    severity: 'warning',
    condition: { kind: 'metric', metric, threshold: 90, clear: 80, forSeconds: 20 },
    scope,
  });
}

function sample(hostId: HostId, at: number, cpu: Record<string, number>): HostSample {
  return {
    hostId,
    at,
    host: { cpu: cpu.host ?? 10 },
    vms: Object.entries(cpu)
      .filter(([k]) => k !== 'host')
      .map(([vmId, v]) => ({ vmId, cpu: v })),
  };
}

/** Samples come every 10 s in these tests. */
const INTERVAL = 10_000;

function unreachableRule(forSeconds: number) {
  return AlertRule.parse({
    id: 'down',
    name: 'Host unreachable',
    severity: 'critical',
    condition: { kind: 'state', state: 'host-unreachable', forSeconds },
  });
}

const pathRule = () =>
  AlertRule.parse({
    id: 'paths',
    name: 'Migration path broken',
    severity: 'warning',
    condition: { kind: 'state', state: 'migration-path-broken', forSeconds: 0 },
  });

const hv2Lost = () => buildAlertView({ ...fleet, hosts: [hv1, { ...hv2, state: 'unreachable' }] });

function setup() {
  let n = 0;
  const book = new AlertBook();
  return {
    book,
    evaluator: new AlertEvaluator(book, () => `a${++n}`, { sampleIntervalMs: () => INTERVAL }),
  };
}

describe('AlertEvaluator', () => {
  it('opens one alert per rule and object however many samples breach (no floods)', () => {
    const { book, evaluator } = setup();
    const view = buildAlertView(fleet);
    const fired = [0, 10, 20, 30, 40, 50].flatMap((s) =>
      evaluator
        .sample([cpuRule()], sample(hv1.config.id, s * 1000, { [web1.id]: 99 }), view)
        .filter((t) => t.kind === 'fired'),
    );
    expect(fired).toHaveLength(1);
    expect(fired[0]?.alert).toMatchObject({
      object: { kind: 'vm', id: web1.id, name: 'web-1', hostId: hv1.config.id },
      firedAt: 20_000,
      value: 99,
      threshold: 90,
      why: { code: 'metric', metric: 'vm-cpu', op: 'above', forSeconds: 20 },
    });
    expect(book.open()).toHaveLength(1);
  });

  it('resolves only at the clear threshold, and a new breach opens a new alert', () => {
    const { book, evaluator } = setup();
    const view = buildAlertView(fleet);
    const feed = (at: number, v: number) =>
      evaluator.sample([cpuRule()], sample(hv1.config.id, at, { [web1.id]: v }), view);
    feed(0, 95);
    feed(10_000, 95);
    expect(feed(20_000, 95).map((t) => t.kind)).toEqual(['fired']);
    expect(feed(30_000, 85).map((t) => t.kind)).toEqual(['updated']);
    expect(feed(40_000, 80).map((t) => t.kind)).toEqual(['resolved']);
    expect(book.history(10)[0]).toMatchObject({ status: 'resolved', resolvedAt: 40_000 });
    feed(50_000, 95);
    feed(60_000, 95);
    expect(feed(70_000, 95).map((t) => t.kind)).toEqual(['fired']);
    expect(new Set([...book.open(), ...book.history(10)].map((a) => a.id)).size).toBe(2);
  });

  it('keeps to its scope: labels, a service, an application', () => {
    const view = buildAlertView(fleet);
    // Each host's sample lists the VMs it runs, all of them hot.
    const hot = (h: Host) =>
      Object.fromEntries(fleet.vms.filter((v) => v.hostId === h.config.id).map((v) => [v.id, 99]));
    const objects = (scope: AlertScope): string[] => {
      const { evaluator } = setup();
      const rule = { ...cpuRule(scope), condition: { ...cpuRule().condition, forSeconds: 0 } };
      return [hv1, hv2]
        .flatMap((h) => evaluator.sample([rule], sample(h.config.id, 0, hot(h)), view))
        .map((t) => t.alert.object.name)
        .sort();
    };
    expect(objects({ kind: 'all' })).toEqual(['loose', 'web-1', 'web-2']);
    expect(objects({ kind: 'labels', labels: { zone: 'a' } })).toEqual(['web-1']);
    expect(objects({ kind: 'service', service: SHOP })).toEqual(['web-1', 'web-2']);
    expect(objects({ kind: 'application', service: SHOP, application: DB })).toEqual([]);
    expect(objects({ kind: 'application', service: SHOP, application: WEB })).toEqual([
      'web-1',
      'web-2',
    ]);
  });

  it('fires a state rule after its duration and resolves it when the state ends', () => {
    const { evaluator } = setup();
    const rule = unreachableRule(60);
    const lost = hv2Lost();
    // Looked at every tick (5 s) as the engine does: a look missed would start it over.
    for (let at = 0; at < 60_000; at += 5000)
      expect(evaluator.states([rule], lost, [], at)).toEqual([]);
    const fired = evaluator.states([rule], lost, [], 60_000);
    expect(fired.map((t) => [t.kind, t.alert.object.name, t.alert.why])).toEqual([
      ['fired', 'hv2', { code: 'host-unreachable', host: hv2.config.id, state: 'unreachable' }],
    ]);
    expect(evaluator.states([rule], lost, [], 70_000)).toEqual([]);
    const back = evaluator.states([rule], buildAlertView(fleet), [], 80_000);
    expect(back.map((t) => t.kind)).toEqual(['resolved']);
  });

  it('broken migration paths: one alert per host they share (a group check at 40 hosts finds 2 unreachable: 2 alerts, not 76), a lone broken pair its own', () => {
    const { evaluator } = setup();
    const rule = pathRule();
    const hosts = Array.from({ length: 40 }, (_, i) => host(`d${String(i).padStart(2, '0')}`));
    const ids = hosts.map((h) => h.config.id);
    const bad = new Set<string>([ids[38]!, ids[39]!]);
    const paths = ids.flatMap((from) =>
      ids
        .filter((to) => to !== from)
        .map((to) => ({
          from,
          to,
          state: bad.has(from) || bad.has(to) ? ('broken' as const) : ('ok' as const),
        })),
    );
    expect(paths.filter((p) => p.state === 'broken')).toHaveLength(154);
    const view = buildAlertView({ hosts, vms: [], services: [], paths });
    const fired = evaluator.states([rule], view, [], 0);
    expect(fired.map((t) => [t.kind, t.alert.object.id])).toEqual([
      ['fired', `${ids[38]}→*`],
      ['fired', `${ids[39]}→*`],
    ]);
    const first = fired[0]!.alert;
    expect(first.object.name).toBe('paths to and from d38');
    expect(first.why).toMatchObject({
      code: 'migration-paths-broken',
      host: ids[38],
      into: { count: 39 },
      out: { count: 39 },
    });
    // The second host takes what the first left: its paths with the 38 healthy hosts.
    expect(fired[1]!.alert.why).toMatchObject({ into: { count: 38 }, out: { count: 38 } });

    // Fixed but one pair: that pair is an alert of its own; the grouped ones resolve.
    const one = paths.map((p) =>
      p.from === ids[0] && p.to === ids[1]
        ? { ...p, state: 'broken' as const }
        : { ...p, state: 'ok' as const },
    );
    const later = evaluator.states(
      [rule],
      buildAlertView({ hosts, vms: [], services: [], paths: one }),
      [],
      5_000,
    );
    expect(later.map((t) => [t.kind, t.alert.object.id, t.alert.why.code]).sort()).toEqual(
      [
        ['fired', `${ids[0]}→${ids[1]}`, 'migration-path-broken'],
        ['resolved', `${ids[38]}→*`, 'migration-paths-broken'],
        ['resolved', `${ids[39]}→*`, 'migration-paths-broken'],
      ].sort(),
    );
  });

  it('a grouped alert says how many paths once more of them break', () => {
    const { evaluator } = setup();
    const rule = pathRule();
    const [a, b, c, x] = ['a', 'b', 'c', 'x'].map((n) => host(n)) as [Host, Host, Host, Host];
    const to = (from: Host, ...broken: Host[]) =>
      broken.map((h) => ({ from: from.config.id, to: h.config.id, state: 'broken' as const }));
    const view = (paths: ReturnType<typeof to>) =>
      buildAlertView({ hosts: [a, b, c, x], vms: [], services: [], paths });
    expect(evaluator.states([rule], view([...to(a, x), ...to(b, x)]), [], 0)).toHaveLength(1);
    const grown = evaluator.states(
      [rule],
      view([...to(a, x), ...to(b, x), ...to(c, x)]),
      [],
      5_000,
    );
    expect(grown.map((t) => [t.kind, t.alert.why])).toEqual([
      [
        'updated',
        {
          code: 'migration-paths-broken',
          host: x.config.id,
          into: { count: 3, hosts: [a.config.id, b.config.id, c.config.id] },
          out: { count: 0, hosts: [] },
        },
      ],
    ]);
  });

  it('resolves alerts whose object is gone or whose rule is turned off', () => {
    const { book, evaluator } = setup();
    const rule = { ...cpuRule(), condition: { ...cpuRule().condition, forSeconds: 0 } };
    const view = buildAlertView(fleet);
    evaluator.sample([rule], sample(hv1.config.id, 0, { [web1.id]: 99 }), view);
    evaluator.sample([rule], sample(hv2.config.id, 0, { [web2.id]: 99 }), view);
    const withoutWeb1 = buildAlertView({ ...fleet, vms: [web2, loose] });
    const gone = evaluator.states([rule], withoutWeb1, [], 1000);
    expect(gone.map((t) => [t.kind, t.alert.object.name])).toEqual([['resolved', 'web-1']]);
    const off = evaluator.states([{ ...rule, enabled: false }], withoutWeb1, [], 2000);
    expect(off.map((t) => [t.kind, t.alert.object.name])).toEqual([['resolved', 'web-2']]);
    expect(book.open()).toEqual([]);
  });

  it('N-1: all running web replicas on one host fire, spread ones do not', () => {
    const { evaluator } = setup();
    const rule = AlertRule.parse({
      id: 'n1',
      name: 'N-1',
      severity: 'warning',
      condition: { kind: 'state', state: 'n-minus-1' },
    });
    const spread = { ...fleet, overcommit: { cpuOvercommit: 4, memoryOvercommit: 1 } };
    expect(findNMinusOne(spread)).toEqual([]);
    const stopped = { ...spread, vms: [web1, { ...web2, state: 'shutoff' as const }, loose] };
    const findings = findNMinusOne(stopped);
    // web-1 runs alone on hv1; hv2 holds web-2 (shut off) and web's hard spread keeps a second
    // replica off it: the engine could restart none.
    expect(findings).toEqual([
      { service: SHOP, application: WEB, host: hv1.config.id, running: 1, restartable: 0 },
    ]);
    const fired = evaluator.states([rule], buildAlertView(stopped), findings, 0);
    expect(fired.map((t) => [t.kind, t.alert.object.kind, t.alert.object.id])).toEqual([
      ['fired', 'application', WEB],
    ]);
  });

  it('resolves a VM metric alert once the VM is shut off, saying so', () => {
    const { book, evaluator } = setup();
    const rule = { ...cpuRule(), condition: { ...cpuRule().condition, forSeconds: 0 } };
    evaluator.sample([rule], sample(hv1.config.id, 0, { [web1.id]: 99 }), buildAlertView(fleet));
    expect(book.open()).toHaveLength(1);
    // Shut off: the host's samples leave it out, the fleet still lists it.
    const off = buildAlertView({ ...fleet, vms: [{ ...web1, state: 'shutoff' }, web2, loose] });
    evaluator.sample([rule], sample(hv1.config.id, INTERVAL, {}), off);
    const swept = evaluator.states([rule], off, [], INTERVAL);
    expect(swept.map((t) => [t.kind, t.alert.object.name, t.alert.resolution])).toEqual([
      ['resolved', 'web-1', { code: 'vm-inactive', state: 'shutoff' }],
    ]);
    expect(book.open()).toEqual([]);
  });

  it('resolves a metric alert whose object gives no samples any more (host unreachable)', () => {
    const { book, evaluator } = setup();
    const rule = {
      ...cpuRule({ kind: 'all' }, 'host-cpu'),
      condition: { ...cpuRule().condition, metric: 'host-cpu' as const, forSeconds: 0 },
    };
    const view = buildAlertView(fleet);
    evaluator.sample([rule], sample(hv1.config.id, 0, { host: 99 }), view);
    evaluator.sample([rule], sample(hv2.config.id, 0, { host: 99 }), view);
    // hv2 keeps reporting; hv1 goes quiet. A few missed rounds are not yet "gone".
    for (let at = INTERVAL; at <= 10 * INTERVAL; at += INTERVAL) {
      evaluator.sample([rule], sample(hv2.config.id, at, { host: 99 }), view);
      const swept = evaluator.states([rule], view, [], at);
      if (at <= 2 * INTERVAL) expect(swept).toEqual([]);
    }
    expect(book.open().map((a) => a.object.name)).toEqual(['hv2']);
    expect(book.history(1)[0]).toMatchObject({
      object: { name: 'hv1' },
      resolution: { code: 'no-samples', lastAt: 0 },
    });
  });

  it('a VM back from a day off does not fire on its first breaching sample', () => {
    const { book, evaluator } = setup();
    const view = buildAlertView(fleet);
    const feed = (at: number, v: number) =>
      evaluator.sample([cpuRule()], sample(hv1.config.id, at, { [web1.id]: v }), view);
    feed(0, 95);
    feed(INTERVAL, 95);
    const day = 24 * 3600_000;
    expect(feed(day, 95)).toEqual([]);
    expect(feed(day + INTERVAL, 95)).toEqual([]);
    expect(feed(day + 2 * INTERVAL, 95).map((t) => t.kind)).toEqual(['fired']);
    expect(book.open()[0]?.firedAt).toBe(day + 2 * INTERVAL);
  });

  it('forgets the breach timers of VMs and hosts gone from the fleet', () => {
    const { evaluator } = setup();
    const down = unreachableRule(600);
    const lost = hv2Lost();
    evaluator.states([down], lost, [], 0);
    evaluator.sample([cpuRule()], sample(hv1.config.id, 0, { [web1.id]: 95 }), lost);
    expect(evaluator.pendingBreaches).toBe(2);
    // hv2 and web-1 are deleted: no more looks at either.
    const without = buildAlertView({ hosts: [hv1], vms: [loose], services: [], paths: [] });
    for (let at = 5000; at <= 60_000; at += 5000)
      evaluator.states([down, cpuRule()], without, [], at);
    expect(evaluator.pendingBreaches).toBe(0);
  });

  it('times a rule whose id holds a "|" like any other (its timers survive the sweep)', () => {
    const { evaluator } = setup();
    const rule = { ...cpuRule(), id: 'cpu|hot' };
    const view = buildAlertView(fleet);
    const kinds: string[] = [];
    for (let at = 0; at <= 2 * INTERVAL; at += INTERVAL / 2) {
      if (at % INTERVAL === 0) {
        const t = evaluator.sample([rule], sample(hv1.config.id, at, { [web1.id]: 95 }), view);
        kinds.push(...t.map((x) => x.kind));
      } else evaluator.states([rule], view, [], at);
    }
    expect(kinds).toEqual(['fired']);
    // Dropping rule 'cpu' leaves the timers of rule 'cpu|hot' alone.
    evaluator.sample([rule, cpuRule()], sample(hv1.config.id, 0, { [web2.id]: 95 }), view);
    evaluator.dropRule('cpu', 0);
    expect(evaluator.pendingBreaches).toBe(1);
  });
});
