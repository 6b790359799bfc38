import type { HostId } from '../../../shared/domain/ids';
import { GROUP_CHECK_MAX_HOSTS, type MigrationPath } from '../../../shared/domain/migration-path';
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry, HostEntry } from '../hosts/host-registry';
import { migrationTargetOf } from '../plans/plan-hosts';
import { KeyedLimit } from '../moves/keyed-limit';
import type { HostPair, PathMonitor } from './path-monitor';
import { groupCheckBrokenWords } from '../../../shared/words/network-words';

export interface PathMonitorTiming {
  /** Every pair is probed again this often (default 10 min). */
  everyMs: number;
  /** `paths:changed` waits this long for more results before it goes out (default 250 ms). */
  debounceMs: number;
  /** Probes run at once from one source host (default 2). */
  perSource: number;
  /**
   * Hosts of one driver up to which every pair is probed in the background (default 40, so 1,560
   * pairs). Past that (a 1,000-host demo fleet has 10⁶ pairs) a pair is probed only when asked:
   * `check(host)` probes all pairs of that host, and `ensure` the pairs a plan needs; pairs
   * probed once are kept up to date like the others.
   */
  sweepLimit: number;
}

export interface PathMonitorDeps {
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
  timing?: Partial<PathMonitorTiming>;
}

const DEFAULTS: PathMonitorTiming = {
  everyMs: 10 * 60_000,
  debounceMs: 250,
  perSource: 2,
  sweepLimit: 40,
};

const keyOf = (pair: HostPair): string => `${pair.from}\n${pair.to}`;

/**
 * The migration paths of the fleet, probed from each source host (`probeMigrationPath`, at most
 * `perSource` at once per source), again for a host's pairs whenever it (re)connects, and every
 * `everyMs`. A pair that turns broken is logged once, with its fix; one that works again is logged
 * too. Pairs never probed are `unknown` (the engine counts them as paths: a migration says otherwise).
 */
export function createPathMonitor(deps: PathMonitorDeps): PathMonitor {
  const { hosts, hub, log } = deps;
  const timing = { ...DEFAULTS, ...deps.timing };
  const limit = new KeyedLimit(timing.perSource);
  const results = new Map<string, MigrationPath>();
  const inflight = new Map<string, Promise<MigrationPath>>();
  const brokenLogged = new Set<string>();
  /** Pairs a group check is probing: their breakage is logged once for the whole check. */
  const quiet = new Map<string, number>();
  /** Of those, the ones found broken (not broken before): said in the check's one line. */
  const groupBroken = new Set<string>();
  const lastState = new Map<HostId, string>();
  let stopped = false;
  let publishTimer: NodeJS.Timeout | undefined;

  /**
   * Connected hosts by driver, each group marked small or large. Large is judged on every host of
   * that driver in the fleet, connected or not, so a fleet still connecting is not swept halfway.
   */
  const connectedGroups = (): { members: HostEntry[]; small: boolean }[] => {
    const groups = new Map<string, { members: HostEntry[]; size: number }>();
    for (const entry of hosts.all()) {
      const group = groups.get(entry.config.driver) ?? { members: [], size: 0 };
      group.size++;
      if (entry.host.state === 'connected') group.members.push(entry);
      groups.set(entry.config.driver, group);
    }
    return [...groups.values()].map((g) => ({
      members: g.members,
      small: g.size <= timing.sweepLimit,
    }));
  };

  /** The pairs to probe: all of a small group; of a large one, those of `hostId` if asked, else known ones. */
  const pairsToProbe = (hostId: HostId | undefined, explicit: boolean): HostPair[] => {
    const pairs: HostPair[] = [];
    for (const { members, small } of connectedGroups()) {
      const ids = members.map((e) => e.config.id);
      const inGroup = hostId === undefined || ids.includes(hostId);
      if (!inGroup) continue;
      if (small || (explicit && hostId !== undefined)) {
        for (const from of ids) {
          for (const to of ids) {
            if (from === to) continue;
            if (hostId === undefined || from === hostId || to === hostId) pairs.push({ from, to });
          }
        }
      } else {
        const members = new Set<string>(ids);
        for (const path of results.values()) {
          const involved = hostId === undefined || path.from === hostId || path.to === hostId;
          if (involved && members.has(path.from) && members.has(path.to)) {
            pairs.push({ from: path.from, to: path.to });
          }
        }
      }
    }
    return pairs;
  };

  /**
   * Of `hostIds` (each counted once), those that can be probed: connected, and of the driver most
   * of them have (paths run between hosts of one driver). The rest are skipped, by id.
   */
  const groupMembers = (hostIds: readonly HostId[]) => {
    const asked = [...new Set(hostIds)];
    const connected = new Map(
      connectedGroups().flatMap((g) => g.members.map((e) => [e.config.id as string, e] as const)),
    );
    const byDriver = new Map<string, HostId[]>();
    for (const id of asked) {
      const entry = connected.get(id);
      if (!entry) continue;
      byDriver.set(entry.config.driver, [...(byDriver.get(entry.config.driver) ?? []), id]);
    }
    const members = [...byDriver.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    const kept = new Set<string>(members);
    return { members, skipped: asked.filter((id) => !kept.has(id)) };
  };

  const list = (): MigrationPath[] => {
    const out: MigrationPath[] = [];
    for (const { members, small } of connectedGroups()) {
      const ids = members.map((e) => e.config.id);
      if (small) {
        for (const from of ids) {
          for (const to of ids) {
            if (from === to) continue;
            out.push(results.get(keyOf({ from, to })) ?? { from, to, state: 'unknown' });
          }
        }
      } else {
        const members = new Set<string>(ids);
        for (const path of results.values()) {
          if (members.has(path.from) && members.has(path.to)) out.push(path);
        }
      }
    }
    return out;
  };

  const publish = (): void => {
    if (stopped || publishTimer !== undefined) return;
    publishTimer = setTimeout(() => {
      publishTimer = undefined;
      if (!stopped) hub.emit('paths:changed', list());
    }, timing.debounceMs);
    publishTimer.unref();
  };

  const record = (path: MigrationPath): void => {
    const key = keyOf(path);
    results.set(key, path);
    const source = hosts.get(path.from);
    const about = source ? { hostId: source.config.id, hostName: source.config.name } : {};
    const route = `${source?.config.name ?? path.from} → ${hosts.get(path.to)?.config.name ?? path.to}`;
    if (path.state === 'broken' && !brokenLogged.has(key)) {
      brokenLogged.add(key);
      if (quiet.has(key)) {
        groupBroken.add(key);
        publish();
        return;
      }
      log.append({
        level: 'warning',
        message: `Migration path ${route} is broken: ${path.message ?? 'the probe failed'}. Fix: ${path.fix ?? 'none known'}`,
        ...about,
        ...(path.detail === undefined ? {} : { detail: path.detail }),
      });
    } else if (path.state === 'ok' && brokenLogged.delete(key)) {
      log.append({ level: 'info', message: `Migration path ${route} works again`, ...about });
    }
    publish();
  };

  const probePair = (pair: HostPair): Promise<MigrationPath> => {
    const key = keyOf(pair);
    const running = inflight.get(key);
    if (running) return running;
    const probe = limit
      .run(pair.from, () => probeOnce(hosts, pair))
      .then((path) => {
        // A host removed meanwhile: its pairs are gone, whatever the probe said.
        if (!stopped && hosts.get(pair.from) && hosts.get(pair.to)) record(path);
        return path;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, probe);
    return probe;
  };

  const probeAll = async (pairs: readonly HostPair[]): Promise<void> => {
    await Promise.all(pairs.map((pair) => probePair(pair)));
  };

  const background = (pairs: readonly HostPair[]): void => {
    // probeOnce never rejects: a failed probe is an `unknown` link, not an error.
    void probeAll(pairs);
  };

  const offChanged = hub.on('hosts:changed', (host) => {
    const id = host.config.id;
    const was = lastState.get(id);
    lastState.set(id, host.state);
    const up = host.state === 'connected';
    if (up && was !== 'connected') background(pairsToProbe(id, false));
    if (up !== (was === 'connected')) publish(); // the set of pairs changed
  });
  const offRemoved = hub.on('hosts:removed', ({ hostId }) => {
    lastState.delete(hostId);
    for (const [key, link] of results) {
      if (link.from === hostId || link.to === hostId) {
        results.delete(key);
        brokenLogged.delete(key);
      }
    }
    publish();
  });
  const sweep = setInterval(() => background(pairsToProbe(undefined, false)), timing.everyMs);
  sweep.unref();

  return {
    list,
    async check(hostId) {
      await probeAll(pairsToProbe(hostId, true));
      return list();
    },
    async ensure(pairs) {
      const connected = new Map(
        connectedGroups().flatMap((g) => g.members.map((e) => [e.config.id as string, e] as const)),
      );
      return Promise.all(
        pairs.map(async (pair): Promise<MigrationPath> => {
          const from = connected.get(pair.from);
          const to = connected.get(pair.to);
          if (!from || !to || from === to || from.config.driver !== to.config.driver) {
            return { ...pair, state: 'unknown' };
          }
          return results.get(keyOf(pair)) ?? probePair(pair);
        }),
      );
    },
    async checkGroup(hostIds) {
      const started = Date.now();
      const { members, skipped } = groupMembers(hostIds);
      if (members.length > GROUP_CHECK_MAX_HOSTS) {
        throw new AppError(
          'invalid-request',
          `${members.length} connected hosts are too many to check at once (${(members.length * (members.length - 1)).toLocaleString('en-GB')} paths): ` +
            `at most ${GROUP_CHECK_MAX_HOSTS}. Group the hosts by a narrower label (a rack), or check one host's paths from its details`,
        );
      }
      const pairs: HostPair[] = [];
      for (const from of members) {
        for (const to of members) if (from !== to) pairs.push({ from, to });
      }
      const keys = pairs.map(keyOf);
      for (const key of keys) quiet.set(key, (quiet.get(key) ?? 0) + 1);
      let paths: MigrationPath[];
      try {
        paths = await Promise.all(pairs.map((pair) => probePair(pair)));
      } finally {
        for (const key of keys) {
          const left = (quiet.get(key) ?? 1) - 1;
          if (left > 0) quiet.set(key, left);
          else quiet.delete(key);
        }
      }
      const found = paths.filter((p) => p.state === 'broken' && groupBroken.delete(keyOf(p)));
      if (found.length > 0 && !stopped) {
        const name = (id: string): string => hosts.get(id as HostId)?.config.name ?? id;
        log.append({
          level: 'warning',
          message: groupCheckBrokenWords(
            { hosts: members.length, paths: paths.length, broken: found },
            name,
          ),
          detail: found
            .slice(0, 200)
            .map((p) => `${name(p.from)} → ${name(p.to)}: ${p.message ?? 'the probe failed'}`)
            .join('\n'),
        });
      }
      return { paths, skipped, tookMs: Date.now() - started };
    },
    async stop() {
      stopped = true;
      offChanged();
      offRemoved();
      clearInterval(sweep);
      clearTimeout(publishTimer);
      publishTimer = undefined;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5000);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...inflight.values()]), late]);
      clearTimeout(timer);
    },
  };
}

/** One probe from the source host itself; whatever goes wrong on the way makes the pair `unknown`. */
async function probeOnce(hosts: HostRegistry, pair: HostPair): Promise<MigrationPath> {
  const checkedAt = Date.now();
  const source = hosts.get(pair.from);
  const target = hosts.get(pair.to);
  if (!source || !target) return { ...pair, state: 'unknown', checkedAt };
  try {
    const operations = await source.link.hypervisor();
    const probe = await operations.probeMigrationPath(migrationTargetOf(target.config));
    if (probe.ok) return { ...pair, state: 'ok', checkedAt };
    return {
      ...pair,
      state: 'broken',
      checkedAt,
      message: probe.message,
      fix: probe.fix,
      ...(probe.detail === undefined ? {} : { detail: probe.detail }),
    };
  } catch (thrown) {
    const error = AppError.from(thrown);
    return {
      ...pair,
      state: 'unknown',
      checkedAt,
      message: `Couldn't check the path from ${source.config.name} to ${target.config.name}: ${error.message}`,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    };
  }
}
