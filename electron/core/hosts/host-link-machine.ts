import type { VmAction } from '../../../shared/contract/requests';
import type { HostConfig, HostFacts, HostProblem, HostState } from '../../../shared/domain/host';
import type { VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { HypervisorDriver } from '../hypervisor/hypervisor-driver';
import type { HostLink, HostLinkListener, TrustedKeys } from './host-link';
import { HostKeyError } from './host-key';
import { problemOf } from './host-problem';
import { LinkSnapshot } from './link-snapshot';
import type { LinkSession } from './link-session';
import { backoffDelay, DEFAULT_LINK_TIMING, type LinkTiming } from './link-timing';
import { LiveConnection } from './live-connection';
import { hostUnusable } from '../../../shared/words';

/** How a link reaches its host: injected, so the state machine is tested without a network. */
export interface LinkPorts {
  connect(
    trustedFingerprint: string | undefined,
    timing: LinkTiming,
    signal: AbortSignal,
  ): Promise<LinkSession>;
  /** `warn` takes log lines about problems that fail nothing (one unreadable VM). */
  driverFor(
    session: LinkSession,
    timing: LinkTiming,
    warn: (message: string, detail?: string) => void,
  ): HypervisorDriver;
  random?: () => number;
}

export interface LinkMachineDeps {
  trustedKeys: TrustedKeys;
  listener: HostLinkListener;
  timing?: Partial<LinkTiming>;
  /** Overrides `timing.pollMs`, read before each poll: the admin's setting, which may change. */
  pollMs?: () => number;
}

/**
 * The state machine of one host: connecting → connected / hypervisor-problem / unreachable /
 * auth-failed / host-key-unknown / host-key-changed, and disconnected on request. Only
 * 'unreachable' is retried (with backoff): a refused key or an untrusted host waits for the admin.
 */
export function createHostLinkMachine(
  config: HostConfig,
  deps: LinkMachineDeps,
  ports: LinkPorts,
): HostLink {
  const timing: LinkTiming = { ...DEFAULT_LINK_TIMING, ...deps.timing };
  // The live connection reads timing.pollMs before each poll: a getter makes the setting live.
  const pollMs = deps.pollMs;
  if (pollMs) Object.defineProperty(timing, 'pollMs', { get: pollMs, enumerable: true });
  const { listener, trustedKeys } = deps;
  const name = config.name;
  const snap = new LinkSnapshot({ config, state: 'disconnected' }, [], listener);
  let generation = 0;
  let started = false;
  let closed = false;
  /** Unreachable attempts since the link last stayed up for backoffMaxMs: the backoff's step. */
  let failures = 0;
  let live: LiveConnection | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt: { abort: AbortController; done: Promise<void> } | undefined;
  let health: {
    facts?: { value: HostFacts; at: number };
    problem?: HostProblem;
    streaming: boolean;
    ready: boolean;
  } = {
    streaming: true,
    ready: false,
  };

  const log = (level: 'info' | 'warning' | 'error', message: string, detail?: string): void =>
    listener.log({ level, message, ...(detail === undefined ? {} : { detail }) });

  /** What goes with a state besides its words: the key shown for trust, the error behind it. */
  interface Extras {
    presented?: { fingerprint: string; keyType: string | undefined } | undefined;
    problem?: HostProblem | undefined;
  }

  function publish(state: HostState, detail: string | undefined, extras: Extras = {}): void {
    const previous = snap.host;
    const trusted = trustedKeys.get(config.id);
    const facts = health.facts ?? previous.facts;
    const { presented, problem } = extras;
    snap.setHost({
      config,
      state,
      ...(detail === undefined ? {} : { stateDetail: detail }),
      ...(problem === undefined ? {} : { problem }),
      ...(presented === undefined ? {} : { presentedFingerprint: presented.fingerprint }),
      ...(presented?.keyType === undefined ? {} : { presentedKeyType: presented.keyType }),
      ...(trusted === undefined ? {} : { trustedFingerprint: trusted.fingerprint }),
      ...(trusted?.keyType === undefined ? {} : { trustedKeyType: trusted.keyType }),
      ...(facts === undefined ? {} : { facts }),
      ...(previous.lastSeen === undefined ? {} : { lastSeen: previous.lastSeen }),
    });
  }

  /** While connected, the state follows the hypervisor's health and the event stream. */
  function publishLive(): void {
    if (!health.ready) return;
    if (health.problem !== undefined) {
      return publish('hypervisor-problem', health.problem.message, { problem: health.problem });
    }
    const where = `${config.user}@${config.address}:${config.port}, libvirt at ${config.uri}`;
    publish(
      'connected',
      health.streaming
        ? `Connected (${where})`
        : `Connected (${where}); the event stream is down, polling every ${timing.pollMs / 1000} s`,
    );
  }

  /** End whatever runs now (connection, attempt, retry timer); resolves when its socket is gone. */
  function teardown(): Promise<void> {
    generation += 1;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const ending: Promise<void>[] = [];
    if (attempt) {
      attempt.abort.abort();
      ending.push(attempt.done);
      attempt = undefined;
    }
    if (live) ending.push(live.stop());
    live = undefined;
    health = { streaming: true, ready: false };
    return Promise.all(ending).then(() => undefined);
  }

  function start(detail: string): Promise<void> {
    const ended = teardown();
    const g = generation;
    const abort = new AbortController();
    publish('connecting', detail);
    const done = connect(g, abort.signal).catch((thrown: unknown) => {
      log('error', `Internal error while connecting to ${name}`, AppError.from(thrown).detail);
    });
    attempt = { abort, done };
    return ended;
  }

  async function connect(g: number, signal: AbortSignal): Promise<void> {
    let session: LinkSession;
    try {
      session = await ports.connect(trustedKeys.get(config.id)?.fingerprint, timing, signal);
    } catch (thrown) {
      if (g === generation) refused(AppError.from(thrown));
      return;
    }
    if (g !== generation) return session.close();
    attempt = undefined;
    const driver = ports.driverFor(session, timing, (message, detail) =>
      current(() => log('warning', message, detail)),
    );
    const connection = new LiveConnection(session, driver, timing, {
      facts: (facts) =>
        current(() => ((health.facts = { value: facts, at: Date.now() }), publishLive())),
      vms: (vms) => current(() => snap.setVms(vms)),
      health: (problem) =>
        current(() => {
          if (problem === undefined) delete health.problem;
          else health.problem = problem;
          publishLive();
        }),
      streaming: (on) => current(() => ((health.streaming = on), publishLive())),
      seen: () => current(() => (snap.host = { ...snap.host, lastSeen: Date.now() })),
      log: (level, message, detail) => current(() => log(level, message, detail)),
    });
    live = connection;
    let readyAt = Number.POSITIVE_INFINITY; // not ready yet: never "up for a while"
    session.onClose((error) => {
      if (g !== generation) return;
      void teardown();
      // A new outage (backoff from the start) only after the link worked for a while: a host
      // that accepts SSH and then drops at once must back off like one that refuses.
      const stable = Date.now() - readyAt >= timing.backoffMaxMs;
      unreachable(error ?? new AppError('unreachable', `Lost the connection to ${name}`), stable);
    });
    snap.host = { ...snap.host, lastSeen: Date.now() };
    await connection.begin();
    if (g !== generation) return;
    if (failures > 0) log('info', `Reconnected to ${name}`);
    readyAt = Date.now();
    health.ready = true;
    publishLive();

    function current(apply: () => void): void {
      if (g === generation) apply();
    }
  }

  function refused(error: AppError): void {
    const presented =
      error instanceof HostKeyError
        ? { fingerprint: error.fingerprint, keyType: error.keyType }
        : undefined;
    const problem = problemOf(error);
    switch (error.code) {
      case 'host-key-unknown':
        log(
          'info',
          `${name} presented a host key not seen before (${presented?.fingerprint ?? '?'}); trust it to connect`,
        );
        return publish('host-key-unknown', error.message, { presented, problem });
      case 'host-key-changed':
        log('error', `The host key of ${name} has changed: refused to connect`, error.message);
        return publish('host-key-changed', error.message, { presented, problem });
      case 'auth-failed':
      case 'key-file':
        // A passphrase not given yet is a question for the admin, not a failure of the host.
        log(problem.passphrase === 'missing' ? 'warning' : 'error', error.message, error.detail);
        return publish('auth-failed', error.message, { problem });
      default:
        unreachable(error, failures === 0);
    }
  }

  function unreachable(error: AppError, first: boolean): void {
    if (first) failures = 0;
    const delay = backoffDelay(failures, timing, ports.random);
    if (failures === 0) log('warning', error.message, error.detail); // one line per outage
    failures += 1;
    publish(
      'unreachable',
      `${error.message}. Next attempt in ${(delay / 1000).toFixed(delay < 10_000 ? 1 : 0)} s`,
      { problem: problemOf(error) },
    );
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void start(`Reconnecting to ${config.address}:${config.port} (attempt ${failures + 1})`);
    }, delay);
  }

  return {
    id: config.id,
    current: () => ({ host: snap.host, vms: snap.vms }),
    open() {
      if (started || closed) return;
      started = true;
      void start(`Connecting to ${config.user}@${config.address}:${config.port}`);
    },
    async trust(fingerprint: string) {
      const host = snap.host;
      const refuse = (why: string): AppError =>
        new AppError('conflict', `Refused to trust ${fingerprint} for ${name}: ${why}`, {
          hostId: config.id,
        });
      // A changed key is a hard failure, not a prompt (OpenSSH's model): the admin first removes
      // the old key on purpose (in the inventory), then the host is a first contact again.
      if (host.state === 'host-key-changed') {
        throw refuse(
          'its host key changed; remove the trusted key first if the change is expected',
        );
      }
      if (host.state !== 'host-key-unknown' || host.presentedFingerprint === undefined) {
        throw refuse('the host is not waiting for a key to be trusted');
      }
      if (host.presentedFingerprint !== fingerprint) {
        throw refuse(`the host presented ${host.presentedFingerprint}`);
      }
      const keyType = host.presentedKeyType;
      await trustedKeys.set(config.id, {
        fingerprint,
        ...(keyType === undefined ? {} : { keyType }),
      });
      log('info', `Trusted the host key of ${name}: ${fingerprint}`);
      if (closed) return;
      started = true;
      failures = 0;
      await start(
        `Connecting to ${config.user}@${config.address}:${config.port} with the trusted key`,
      );
    },
    async reconnect() {
      if (closed) return;
      started = true;
      failures = 0;
      await start(`Reconnecting to ${config.user}@${config.address}:${config.port}`);
    },
    async disconnect() {
      const ended = teardown();
      if (!closed) publish('disconnected', 'Disconnected by the admin');
      await ended;
    },
    async act(vmId: VmId, action: VmAction) {
      const vm = snap.vms.find((v) => v.id === vmId);
      if (live === undefined || !health.ready) {
        throw new AppError(
          'unreachable',
          `Couldn't ${action} VM '${vm?.name ?? vmId}' on ${name}: ${hostUnusable('the host', snap.host.state)}`,
          { hostId: config.id },
        );
      }
      await live.act(vmId, action);
    },
    hypervisor() {
      const state = snap.host.state;
      if (live === undefined || !health.ready || state !== 'connected') {
        const why = snap.host.stateDetail ?? snap.host.problem?.message;
        return Promise.reject(
          new AppError(
            'unreachable',
            `${name} is not connected (${state}${why === undefined ? '' : `: ${why}`})`,
            { hostId: config.id },
          ),
        );
      }
      return Promise.resolve(live.operations());
    },
    async close() {
      closed = true;
      await teardown();
    },
  };
}
