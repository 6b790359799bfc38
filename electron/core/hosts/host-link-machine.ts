import type { VmAction } from '../../../shared/contract/requests';
import type { HostConfig, HostFacts, HostProblem, HostState } from '../../../shared/domain/host';
import type { VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { HostLink } from './host-link';
import { SERVES_VMS, transition, type LinkEvent } from './host-link-states';
import { problemOf } from './host-problem';
import { refusalOf } from './link-refusal';
import type { LinkMachineDeps, LinkPorts } from './link-ports';
import { LinkSnapshot } from './link-snapshot';
import type { LinkSession } from '../ssh/link-session';
import { backoffDelay, DEFAULT_LINK_TIMING, type LinkTiming } from './link-timing';

export type { LinkMachineDeps, LinkPorts } from './link-ports';
import { LiveConnection } from './live-connection';
import { hostUnusable } from '../../../shared/words';

/** What goes with a state besides its words: the key shown for trust, the error behind it. */
interface Extras {
  presented?: { fingerprint: string; keyType: string | undefined } | undefined;
  problem?: HostProblem | undefined;
}

/**
 * Runs the state machine of one host (the table in host-link-states.ts) over its ports: each
 * request or report becomes an event, the table says the next state and the effects, and this
 * carries them out (end what runs, connect, schedule the retry) and reports the host upwards.
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
  } = { streaming: true, ready: false };

  const log = (level: 'info' | 'warning' | 'error', message: string, detail?: string): void =>
    listener.log({ level, message, ...(detail === undefined ? {} : { detail }) });

  /**
   * Take `event`: if the current state answers it, carry out the transition's effects around the
   * new state. Resolves when what ran before is gone (its socket closed); false if ignored.
   */
  function fire(
    event: LinkEvent,
    detail: string | undefined,
    extras: Extras = {},
    retryInMs = 0,
  ): Promise<boolean> {
    const step = transition(snap.host.state, event);
    if (step === undefined) return Promise.resolve(false);
    const effects = new Set(step.effects);
    const ended = effects.has('end') || effects.has('connect') ? teardown() : undefined;
    if (effects.has('clear-backoff')) failures = 0;
    publish(step.to, detail, extras);
    if (effects.has('connect')) beginAttempt();
    if (effects.has('backoff')) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void fire(
          'retry',
          `Reconnecting to ${config.address}:${config.port} (attempt ${failures + 1})`,
        );
      }, retryInMs);
    }
    return (ended ?? Promise.resolve()).then(() => true);
  }

  function publish(state: HostState, detail: string | undefined, extras: Extras): void {
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
      void fire('hypervisor-failing', health.problem.message, { problem: health.problem });
      return;
    }
    const where = `${config.user}@${config.address}:${config.port}, libvirt at ${config.uri}`;
    void fire(
      'hypervisor-ok',
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

  function beginAttempt(): void {
    const g = generation;
    const abort = new AbortController();
    const done = connect(g, abort.signal).catch((thrown: unknown) => {
      log('error', `Internal error while connecting to ${name}`, AppError.from(thrown).detail);
    });
    attempt = { abort, done };
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
      vms: (vms, listedAt) => current(() => snap.setVms(vms, listedAt)),
      lifecycle: (event, at) => current(() => listener.lifecycle?.(event, at)),
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
      // A new outage (backoff from the start) only after the link worked for a while: a host
      // that accepts SSH and then drops at once must back off like one that refuses.
      const stable = Date.now() - readyAt >= timing.backoffMaxMs;
      down(error ?? new AppError('unreachable', `Lost the connection to ${name}`), stable);
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
    const refusal = refusalOf(error, name);
    if (refusal.event === 'down') return down(error, failures === 0);
    const { level, message, detail } = refusal.log ?? { level: 'error', message: error.message };
    log(level, message, detail);
    void fire(refusal.event, error.message, refusal);
  }

  /** Unreachable: one log line per outage, then a retry after the next backoff delay. */
  function down(error: AppError, newOutage: boolean): void {
    if (newOutage) failures = 0;
    const delay = backoffDelay(failures, timing, ports.random);
    if (failures === 0) log('warning', error.message, error.detail);
    failures += 1;
    const when = `Next attempt in ${(delay / 1000).toFixed(delay < 10_000 ? 1 : 0)} s`;
    void fire('down', `${error.message}. ${when}`, { problem: problemOf(error) }, delay);
  }

  const address = `${config.user}@${config.address}:${config.port}`;
  const refuseTrust = (fingerprint: string, why: string): AppError =>
    new AppError('conflict', `Refused to trust ${fingerprint} for ${name}: ${why}`, {
      hostId: config.id,
    });

  return {
    id: config.id,
    current: () => ({ host: snap.host, vms: snap.vms }),
    open() {
      if (started || closed) return;
      started = true;
      void fire('open', `Connecting to ${address}`);
    },
    async trust(fingerprint: string) {
      const host = snap.host;
      // A changed key is a hard failure, not a prompt (OpenSSH's model): the admin first removes
      // the old key on purpose (in the inventory), then the host is a first contact again.
      if (host.state === 'host-key-changed') {
        throw refuseTrust(
          fingerprint,
          'its host key changed; remove the trusted key first if the change is expected',
        );
      }
      if (transition(host.state, 'trust') === undefined || !host.presentedFingerprint) {
        throw refuseTrust(fingerprint, 'the host is not waiting for a key to be trusted');
      }
      if (host.presentedFingerprint !== fingerprint) {
        throw refuseTrust(fingerprint, `the host presented ${host.presentedFingerprint}`);
      }
      const keyType = host.presentedKeyType;
      await trustedKeys.set(config.id, {
        fingerprint,
        ...(keyType === undefined ? {} : { keyType }),
      });
      log('info', `Trusted the host key of ${name}: ${fingerprint}`);
      if (closed) return;
      started = true;
      await fire('trust', `Connecting to ${address} with the trusted key`);
    },
    async reconnect() {
      if (closed) return;
      started = true;
      await fire('reconnect', `Reconnecting to ${address}`);
    },
    async disconnect() {
      if (closed) return teardown();
      await fire('disconnect', 'Disconnected by the admin');
    },
    async act(vmId: VmId, action: VmAction) {
      if (live === undefined || !SERVES_VMS.has(snap.host.state)) {
        const vm = snap.vms.find((v) => v.id === vmId);
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
      if (live === undefined || !SERVES_VMS.has(state)) {
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
