import { afterEach, describe, expect, it } from 'vitest';
import type { Host, HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import { GROUP_CHECK_MAX_HOSTS, type MigrationPath } from '../../../shared/domain/migration-path';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { HostRegistry } from '../hosts/host-registry';
import type { HostLink, HostLinkListener, HostOperations } from '../hosts/host-link';
import type { MigrationTarget, PathProbe } from '../hypervisor/hypervisor-driver';
import { createPathMonitor } from './create-path-monitor';
import type { PathMonitor } from './path-monitor';

// The monitor over a real fleet and event hub, with links whose only trick is the path probe:
// each probe waits until the test answers it, so concurrency and ordering are the test's to see.

interface PendingProbe {
  from: string;
  to: string;
  answer(result: PathProbe): void;
}

const unanswered: PendingProbe[][] = [];

function world() {
  const hub = createEventHub((error) => {
    throw error;
  });
  const log = createEventLog(hub);
  const hosts = new HostRegistry(hub, log);
  const pending: PendingProbe[] = [];
  const peak = new Map<string, number>();
  const active = new Map<string, number>();
  const listeners = new Map<string, HostLinkListener>();

  const attach = (name: string, driver: HostConfig['driver'] = 'libvirt'): HostId => {
    const config: HostConfig = {
      id: `id-${name}` as HostId,
      name,
      address: `${name}.lab`,
      port: 22,
      user: name,
      uri: 'qemu:///session',
      labels: {},
      driver,
    };
    hosts.attach(config, (listener) => {
      listeners.set(name, listener);
      const host: Host = { config, state: 'connecting' };
      const operations = {
        probeMigrationPath: (target: MigrationTarget) =>
          new Promise<PathProbe>((resolve) => {
            active.set(name, (active.get(name) ?? 0) + 1);
            peak.set(name, Math.max(peak.get(name) ?? 0, active.get(name) ?? 0));
            pending.push({
              from: name,
              to: target.hostName,
              answer: (result) => {
                active.set(name, (active.get(name) ?? 1) - 1);
                resolve(result);
              },
            });
          }),
      } as unknown as HostOperations;
      const link: HostLink = {
        id: config.id,
        current: () => ({ host, vms: [] }),
        open: () => undefined,
        trust: () => Promise.resolve(),
        reconnect: () => Promise.resolve(),
        disconnect: () => Promise.resolve(),
        act: () => Promise.resolve(),
        hypervisor: () => Promise.resolve(operations),
        close: () => Promise.resolve(),
      };
      return link;
    });
    return config.id;
  };
  const setState = (name: string, state: Host['state']): void => {
    const entry = hosts.all().find((e) => e.config.name === name);
    if (!entry) throw new Error(`no ${name}`);
    listeners.get(name)?.host({ config: entry.config, state });
  };
  unanswered.push(pending);
  return { hub, log, hosts, pending, peak, attach, setState };
}

/** Let queued promise callbacks run (the monitor hands out probes from then-callbacks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

const OK: PathProbe = { ok: true };
const BROKEN: PathProbe = {
  ok: false,
  message: "hv1 does not know hv3's host key",
  fix: "On hv1, as user hv1, add hv3's host key to ~/.ssh/known_hosts",
  detail: 'Host key verification failed.',
};

let monitor: PathMonitor | undefined;
afterEach(async () => {
  // Probes left unanswered would hold stop() for its whole bound.
  for (const pending of unanswered.splice(0)) for (const p of pending.splice(0)) p.answer(OK);
  await monitor?.stop();
  monitor = undefined;
});

describe('link monitor', () => {
  it('probes every ordered pair of connected hosts, at most two at once per source', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1 } });
    for (const name of ['hv1', 'hv2', 'hv3', 'hv4']) w.attach(name);
    expect(monitor.list()).toEqual([]);
    for (const name of ['hv1', 'hv2', 'hv3', 'hv4']) w.setState(name, 'connected');
    await settle();
    // 12 pairs, 3 per source, 2 allowed per source at once: 8 probes out, 4 queued.
    expect(w.pending).toHaveLength(8);
    expect(monitor.list().filter((l) => l.state === 'unknown')).toHaveLength(12);
    while (w.pending.length > 0) {
      w.pending.shift()?.answer(OK);
      await settle();
    }
    expect([...w.peak.values()]).toEqual([2, 2, 2, 2]);
    const paths = monitor.list();
    expect(paths).toHaveLength(12);
    expect(paths.every((l) => l.state === 'ok' && l.checkedAt !== undefined)).toBe(true);
  });

  it('re-probes the pairs of a host when it reconnects, and publishes the list debounced', async () => {
    const w = world();
    const published: MigrationPath[][] = [];
    w.hub.on('paths:changed', (paths) => published.push(paths));
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 20 } });
    for (const name of ['hv1', 'hv2', 'hv3']) w.attach(name);
    for (const name of ['hv1', 'hv2', 'hv3']) w.setState(name, 'connected');
    await settle();
    while (w.pending.length > 0) {
      w.pending.shift()?.answer(OK);
      await settle();
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
    const before = published.length;
    expect(before).toBeLessThanOrEqual(2); // six results, one or two events, not six
    expect(published.at(-1)?.every((l) => l.state === 'ok')).toBe(true);

    w.setState('hv2', 'unreachable');
    await settle();
    expect(w.pending).toHaveLength(0);
    expect(monitor.list()).toHaveLength(2); // only hv1 ↔ hv3 while hv2 is away
    w.setState('hv2', 'connected');
    await settle();
    expect(w.pending.map((p) => `${p.from}→${p.to}`).sort()).toEqual([
      'hv1→hv2',
      'hv2→hv1',
      'hv2→hv3',
      'hv3→hv2',
    ]);
    w.setState('hv2', 'connected'); // a facts update while connected is no reconnect
    await settle();
    expect(w.pending).toHaveLength(4);
  });

  it('logs a pair that turns broken once, with the fix, and again only after it worked', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1 } });
    w.attach('hv1');
    w.attach('hv3');
    w.setState('hv1', 'connected');
    w.setState('hv3', 'connected');
    const answerAll = async (from: string, result: PathProbe) => {
      await settle();
      for (const p of w.pending.splice(0)) p.answer(p.from === from ? result : OK);
      await settle();
    };
    const warnings = () =>
      w.log
        .recent(100)
        .filter((e) => e.level === 'warning')
        .map((e) => e.message);
    await answerAll('hv1', BROKEN);
    const check = monitor.check();
    await answerAll('hv1', BROKEN);
    const paths = await check;
    expect(paths.find((l) => l.from === 'id-hv1')).toMatchObject({
      state: 'broken',
      message: BROKEN.message,
      fix: BROKEN.ok ? '' : BROKEN.fix,
      detail: 'Host key verification failed.',
    });
    expect(warnings()).toEqual([
      "Migration path hv1 → hv3 is broken: hv1 does not know hv3's host key. Fix: On hv1, as user hv1, add hv3's host key to ~/.ssh/known_hosts",
    ]);
    const entry = w.log.recent(100).find((e) => e.level === 'warning');
    expect(entry).toMatchObject({ hostName: 'hv1', detail: 'Host key verification failed.' });

    const fixed = monitor.check('id-hv1' as HostId);
    await answerAll('hv1', OK);
    await fixed;
    expect(w.log.recent(100).map((e) => e.message)).toContain(
      'Migration path hv1 → hv3 works again',
    );
    const broken = monitor.check();
    await answerAll('hv1', BROKEN);
    await broken;
    expect(warnings()).toHaveLength(2);
  });

  it('pairs only hosts of one driver; a failed probe leaves the pair unknown, with why', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1 } });
    w.attach('hv1');
    w.attach('hv2');
    w.attach('demo-hv01', 'demo');
    for (const name of ['hv1', 'hv2', 'demo-hv01']) w.setState(name, 'connected');
    await settle();
    expect(w.pending.map((p) => `${p.from}→${p.to}`).sort()).toEqual(['hv1→hv2', 'hv2→hv1']);
    const ensured = monitor.ensure([
      { from: 'id-hv1' as HostId, to: 'id-demo-hv01' as HostId },
      { from: 'id-hv1' as HostId, to: 'id-hv2' as HostId },
    ]);
    await settle();
    expect(w.pending).toHaveLength(2); // the pair in flight is joined, not probed twice
    w.pending.shift()?.answer(OK);
    w.pending.shift()?.answer(OK);
    expect((await ensured).map((l) => l.state)).toEqual(['unknown', 'ok']);
  });

  it('in a fleet past the sweep limit, probes only what is asked: a host, or the pairs a plan needs', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1, sweepLimit: 1 } });
    const names = ['d1', 'd2', 'd3', 'd4', 'd5'];
    for (const name of names) w.attach(name, 'demo');
    for (const name of names) w.setState(name, 'connected');
    await settle();
    expect(w.pending).toHaveLength(0);
    expect(monitor.list()).toEqual([]);
    const one = monitor.ensure([{ from: 'id-d1' as HostId, to: 'id-d5' as HostId }]);
    await settle();
    expect(w.pending.map((p) => `${p.from}→${p.to}`)).toEqual(['d1→d5']);
    w.pending.shift()?.answer(BROKEN);
    expect(await one).toMatchObject([{ state: 'broken' }]);
    expect(monitor.list()).toHaveLength(1);
    const host = monitor.check('id-d5' as HostId);
    await settle();
    for (let i = 0; i < 20 && w.pending.length > 0; i++) {
      w.pending.shift()?.answer(OK);
      await settle();
    }
    expect((await host).length).toBe(8); // d5 to and from each of the four others
  });

  it("checks a group's paths on demand: every ordered pair of its connected hosts, the rest skipped, kept in the list after", async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1, sweepLimit: 1 } });
    for (const name of ['g1', 'g2', 'g3', 'g4', 'far']) w.attach(name, 'demo');
    w.attach('kvm', 'libvirt');
    for (const name of ['g1', 'g2', 'g3', 'far', 'kvm']) w.setState(name, 'connected');
    await settle();
    expect(w.pending).toHaveLength(0); // past the sweep limit: nothing probed unasked
    const ids = ['g1', 'g2', 'g3', 'g4', 'kvm', 'g1'].map((n) => `id-${n}` as HostId);
    const check = monitor.checkGroup(ids);
    await settle();
    // 6 pairs among g1..g3, 2 per source at once: all six out; g4 is not connected, kvm another driver.
    expect(w.pending.map((p) => `${p.from}→${p.to}`).sort()).toEqual([
      'g1→g2',
      'g1→g3',
      'g2→g1',
      'g2→g3',
      'g3→g1',
      'g3→g2',
    ]);
    for (const p of w.pending.splice(0)) p.answer(p.from === 'g2' && p.to === 'g3' ? BROKEN : OK);
    const result = await check;
    expect(result.paths).toHaveLength(6);
    expect(result.paths.filter((p) => p.state === 'broken')).toMatchObject([
      { from: 'id-g2', to: 'id-g3', message: BROKEN.message, fix: BROKEN.fix },
    ]);
    expect(result.skipped.sort()).toEqual(['id-g4', 'id-kvm']);
    expect(monitor.list()).toHaveLength(6); // far's pairs were never asked for
  });

  it('a group check that finds many broken paths logs one warning for the check, not one per path; a single pair still logs its own', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1, sweepLimit: 1 } });
    const names = ['z1', 'z2', 'z3', 'z4', 'z5', 'bad'];
    for (const name of names) w.attach(name, 'demo');
    for (const name of names) w.setState(name, 'connected');
    await settle();
    // Every probe answered (paths to and from "bad" broken) until the check is over.
    const answerUntil = async (over: Promise<unknown>) => {
      for (
        let i = 0;
        i < 100 && !(await Promise.race([over.then(() => true), settle().then(() => false)]));
        i++
      ) {
        for (const p of w.pending.splice(0))
          p.answer(p.from === 'bad' || p.to === 'bad' ? BROKEN : OK);
      }
    };
    const check = monitor.checkGroup(names.map((n) => `id-${n}` as HostId));
    await answerUntil(check);
    const result = await check;
    expect(result.paths.filter((p) => p.state === 'broken')).toHaveLength(10);
    const warnings = () => w.log.recent(100).filter((e) => e.level === 'warning');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({
      message:
        "Group check of 6 hosts: 10 of 30 migration paths broken, all with bad at one end. z1 → bad: hv1 does not know hv3's host key. Fix: On hv1, as user hv1, add hv3's host key to ~/.ssh/known_hosts",
    });
    expect(warnings()[0]?.detail?.split('\n')).toHaveLength(10);
    // Checked again, still broken: nothing new to say.
    const again = monitor.checkGroup(names.map((n) => `id-${n}` as HostId));
    await answerUntil(again);
    await again;
    expect(warnings()).toHaveLength(1);
    // One pair's probe (a plan's ensure) is said as before, on its own line.
    w.attach('z6', 'demo');
    w.setState('z6', 'connected');
    await settle();
    const one = monitor.ensure([{ from: 'id-z6' as HostId, to: 'id-z1' as HostId }]);
    await settle();
    w.pending.shift()?.answer(BROKEN);
    await one;
    expect(warnings().map((e) => e.message)).toContain(
      "Migration path z6 → z1 is broken: hv1 does not know hv3's host key. Fix: On hv1, as user hv1, add hv3's host key to ~/.ssh/known_hosts",
    );
  });

  it('refuses a group past GROUP_CHECK_MAX_HOSTS connected hosts in words, probing nothing', async () => {
    const w = world();
    monitor = createPathMonitor({ ...w, timing: { debounceMs: 1, sweepLimit: 1 } });
    const names = Array.from({ length: GROUP_CHECK_MAX_HOSTS + 1 }, (_, i) => `big${i}`);
    for (const name of names) w.attach(name, 'demo');
    for (const name of names) w.setState(name, 'connected');
    await settle();
    await expect(monitor.checkGroup(names.map((n) => `id-${n}` as HostId))).rejects.toThrow(
      /51 connected hosts are too many to check at once \(2,550 paths\): at most 50\. Group the hosts by a narrower label/,
    );
    await settle();
    expect(w.pending).toHaveLength(0);
    // At the bound itself the whole group is probed.
    const atBound = monitor.checkGroup(names.slice(1).map((n) => `id-${n}` as HostId));
    for (
      let i = 0;
      i < 200 && !(await Promise.race([atBound.then(() => true), settle().then(() => false)]));
      i++
    ) {
      for (const p of w.pending.splice(0)) p.answer(OK);
    }
    expect((await atBound).paths).toHaveLength(50 * 49);
    expect(Math.max(...w.peak.values())).toBe(2);
  });
});
