import type { HostId } from '../../../shared/domain/ids';
import type { HostSample } from '../../../shared/domain/metrics';
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { CounterSample } from './counters';
import { channelValues, type MetricsHistory, type ObjectValues } from './metrics-history';
import type { MetricsSource, SourceReadings } from './metrics-source';
import { UsageTracker } from './usage';

/** How soon a host's second sample follows its first (its first rates). */
const FIRST_RATE_MS = 2000;
/**
 * A round's hosts are asked this far apart, each at its own place in the round (as Prometheus
 * spreads its scrapes), and all of them within SPREAD_SHARE of the interval: 1,000 hosts over 5 s
 * instead of 1,000 commands, figures and pushed events at once. That burst took the console's
 * core for a fifth of a second each round and reached the window as hundreds of messages within
 * a frame: every late frame of a scroll at 1,000 hosts fell on one. Five hosts still take 25 ms.
 */
export const HOST_GAP_MS = 5;
export const SPREAD_SHARE = 0.5;

export interface MetricsCollectorDeps {
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
  history: MetricsHistory;
  /** The sample interval, read before each round (the setting may change). */
  intervalMs: () => number;
  /** Asked once per round before any host is sampled over SSH (Prometheus); absent: SSH only. */
  source?: MetricsSource;
  now?: () => number;
}

/**
 * Samples every connected host each interval: one command per host over its own connection (the
 * driver's sampleCounters), figures from the counters (usage.ts), the history written, and the
 * latest sample pushed for the cards. A host still answering the previous round is skipped, not
 * asked twice; a host that fails gets one log line per new problem, not one per round.
 */
export class MetricsCollector {
  private readonly tracker = new UsageTracker();
  private readonly latestByHost = new Map<HostId, HostSample>();
  private readonly inFlight = new Set<HostId>();
  private readonly problems = new Map<HostId, string>();
  /** Which source each host's baseline came from: counters of two sources are not subtracted. */
  private readonly fromSource = new Map<HostId, boolean>();
  private timer: NodeJS.Timeout | undefined;
  /** Hosts waiting for their turn in a round: let go at once by stop(). */
  private readonly turns = new Set<() => void>();
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: MetricsCollectorDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The first round comes soon (hosts connect in a second or two), then one per interval. */
  start(): void {
    this.stopped = false;
    this.schedule(FIRST_RATE_MS);
  }

  /** The interval between rounds as it is now (it follows the setting). */
  intervalMs(): number {
    return this.deps.intervalMs();
  }

  /** Every host's latest sample, for a window that opens between two rounds. */
  latest(): HostSample[] {
    return [...this.latestByHost.values()];
  }

  /**
   * One round now: resolves when every host asked has answered or failed. Spread, the hosts are
   * asked one after another (see HOST_GAP_MS); a host waiting its turn counts as being asked.
   */
  async round(options: { spread?: boolean } = {}): Promise<void> {
    const asked: Promise<void>[] = [];
    const connected = new Set<HostId>();
    for (const entry of this.deps.hosts.all()) {
      if (entry.host.state === 'connected') connected.add(entry.config.id);
    }
    const readings = await this.readSource(connected);
    const gap = options.spread
      ? Math.min(HOST_GAP_MS, (SPREAD_SHARE * this.deps.intervalMs()) / Math.max(1, connected.size))
      : 0;
    let turn = 0;
    for (const id of connected) {
      if (this.inFlight.has(id)) continue;
      const reading = readings.get(id);
      if (reading === 'unchanged') continue;
      this.inFlight.add(id);
      const sampled = this.turn(turn++ * gap).then(() => {
        if (this.stopped) return undefined;
        return reading === undefined ? this.sampleHost(id) : this.takeFromSource(id, reading);
      });
      asked.push(sampled.finally(() => this.inFlight.delete(id)));
    }
    for (const id of this.latestByHost.keys()) {
      if (connected.has(id)) continue;
      // Gone or not connected: its old figures would pass for current ones.
      this.latestByHost.delete(id);
      this.tracker.forgetHost(id);
      this.fromSource.delete(id);
    }
    await Promise.all(asked);
  }

  /** The source's readings for this round; a source that throws leaves every host to SSH. */
  private async readSource(connected: ReadonlySet<HostId>): Promise<SourceReadings> {
    const source = this.deps.source;
    if (source === undefined || connected.size === 0) return new Map();
    const hosts = [...connected].flatMap((id) => {
      const config = this.deps.hosts.get(id)?.config;
      return config === undefined ? [] : [{ id, address: config.address }];
    });
    try {
      return await source.read(hosts);
    } catch {
      return new Map(); // the source logs its own problems; SSH carries the round
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const letGo of [...this.turns]) letGo();
  }

  /** Resolves after `delayMs`, or at once when the collector stops. */
  private turn(delayMs: number): Promise<void> {
    if (delayMs <= 0) return Promise.resolve();
    return new Promise((done) => {
      const letGo = () => {
        clearTimeout(timer);
        this.turns.delete(letGo);
        done();
      };
      const timer = setTimeout(letGo, delayMs);
      timer.unref();
      this.turns.add(letGo);
    });
  }

  private soon(id: HostId): void {
    const timer = setTimeout(() => {
      if (this.stopped || this.inFlight.has(id)) return;
      this.inFlight.add(id);
      void this.sampleHost(id).finally(() => this.inFlight.delete(id));
    }, FIRST_RATE_MS);
    timer.unref();
  }

  /**
   * Rounds start an interval apart (not an interval after the last one ended), so the 10 s
   * history gets a sample in each of its buckets; a round longer than the interval delays the next.
   */
  private schedule(delayMs = this.deps.intervalMs()): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = this.now();
      void this.round({ spread: true }).finally(() =>
        this.schedule(Math.max(0, this.deps.intervalMs() - (this.now() - started))),
      );
    }, delayMs);
    this.timer.unref();
  }

  /** A source's reading taken as an SSH sample is: a failure to record it is this host's problem. */
  private takeFromSource(id: HostId, reading: CounterSample): Promise<void> {
    try {
      this.take(id, reading, { fromSource: true });
    } catch (thrown) {
      if (this.stopped) return Promise.resolve();
      const error = AppError.from(thrown);
      const name = this.deps.hosts.get(id)?.config.name ?? id;
      this.settle(id, name, error.message, error.detail);
    }
    return Promise.resolve();
  }

  private async sampleHost(id: HostId): Promise<void> {
    const entry = this.deps.hosts.get(id);
    if (entry === undefined) return;
    try {
      const ops = await entry.link.hypervisor();
      if (ops.sampleCounters === undefined) return;
      this.take(id, await ops.sampleCounters(), { fromSource: false });
    } catch (thrown) {
      if (this.stopped) return;
      const error = AppError.from(thrown);
      // Not connected any more: the host's badge says so; that is not a metrics problem.
      if (error.code === 'unreachable') return;
      this.settle(id, entry.config.name, error.message, error.detail);
    }
  }

  /** One host's counters, from SSH or the source: figures, history, the pushed sample. */
  private take(id: HostId, counters: CounterSample, from: { fromSource: boolean }): void {
    const current = this.deps.hosts.get(id);
    if (this.stopped || current === undefined) return;
    if (this.fromSource.get(id) !== from.fromSource) {
      // Switched source: /proc read over SSH and node_exporter's scrape are not one counter series.
      this.tracker.forgetHost(id);
      this.fromSource.set(id, from.fromSource);
    }
    const names = new Map(current.vms.map((vm) => [vm.name, vm.id as string]));
    const at = this.now();
    const first = !this.latestByHost.has(id);
    const usage = this.tracker.next(id, counters, (vmName) => names.get(vmName));
    // Rates need two samples: a host just connected gets its second soon, not a whole interval on
    // (over SSH; a source's next reading is its next scrape).
    if (first && !from.fromSource) this.soon(id);
    this.deps.history.record(at, [
      { id, kind: 'host', values: channelValues('host', usage.host) },
      ...usage.vms.map((vm): ObjectValues => ({
        id: vm.vmId,
        kind: 'vm',
        values: channelValues('vm', vm),
      })),
    ]);
    const sample: HostSample = {
      hostId: id,
      at,
      host: rounded(usage.host),
      vms: usage.vms.map(rounded),
    };
    this.latestByHost.set(id, sample);
    this.deps.hub.emit('metrics:sampled', sample);
    this.settle(id, current.config.name, counters.problem);
  }

  /** A log line when a host's sampling problem changes, and one when it is over. */
  private settle(id: HostId, name: string, problem: string | undefined, detail?: string): void {
    const before = this.problems.get(id);
    if (problem === before) return;
    if (problem === undefined) {
      this.problems.delete(id);
      this.deps.log.append({
        level: 'info',
        message: `Utilisation of ${name} is sampled again`,
        hostId: id,
        hostName: name,
      });
      return;
    }
    this.problems.set(id, problem);
    this.deps.log.append({
      level: 'warning',
      message: `Couldn't sample the utilisation of ${name}: ${problem.replace(/^Couldn't sample the utilisation of [^:]+: /, '')}`,
      hostId: id,
      hostName: name,
      ...(detail === undefined ? {} : { detail }),
    });
  }
}

/** Four significant figures are plenty for a card and keep the pushed event small. */
function rounded<T extends object>(usage: T): T {
  return Object.fromEntries(
    Object.entries(usage).map(([key, value]) => [
      key,
      typeof value === 'number' ? Number(value.toPrecision(4)) : value,
    ]),
  ) as T;
}
