import type { VmAction } from '../../../shared/contract/requests';
import type { HostFacts, HostProblem } from '../../../shared/domain/host';
import type { VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { HypervisorDriver, VmEvent } from '../hypervisor/hypervisor-driver';
import type { HostOperations } from './host-link';
import { refreshingOperations } from './refreshing-operations';
import { applyEvent, keepNewerEvents } from './event-state';
import type { LinkTiming } from './link-timing';
import type { LinkSession } from '../ssh/link-session';

/** How long `virsh event` may take, once its channel is open, to be registered with libvirt. */
const STREAM_SETTLE_MS = 300;

/** What an established connection tells its link. */
export interface ConnectionEvents {
  facts(facts: HostFacts): void;
  /** `listedAt`: when the listing began (performance.now()), to tell it from a later event. */
  vms(vms: readonly Vm[], listedAt: number): void;
  /** A domain's lifecycle event, as it arrives; `at` on the listings' clock. */
  lifecycle(event: VmEvent, at: number): void;
  /** The hypervisor's trouble (or the host's, if it cannot run our commands), or undefined once
   * facts and listing work again. */
  health(problem: HostProblem | undefined): void;
  /** Whether events flow; when not, the poll is all we have. */
  streaming(on: boolean): void;
  seen(): void;
  log(level: 'info' | 'warning' | 'error', message: string, detail?: string): void;
}

/**
 * One established SSH session and its dialogue with the hypervisor: events first, a backstop poll
 * behind them (which also restarts a broken event stream), and refreshes coalesced so that a burst
 * of events or actions costs one listing at a time.
 */
export class LiveConnection {
  private stopped = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private watching = false;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private brokenLogged = false;
  private running: Promise<void> | undefined;
  private again = false;
  private againFacts = false;
  private factsAt = Number.NEGATIVE_INFINITY;
  private virtualOk = true;
  private lastLogged = '';
  private lastVms: readonly Vm[] = [];
  /** When an event's state was shown, by domain name: a listing begun before it may predate it. */
  private readonly eventShown = new Map<string, number>();
  /** Why the last listing failed, until one succeeds: a forced refresh must not pass it off as ok. */
  private listError: AppError | undefined;
  /** The last pools read's failure, said once. */
  private poolsProblem: string | undefined;

  constructor(
    readonly session: LinkSession,
    private readonly driver: HypervisorDriver,
    private readonly timing: LinkTiming,
    private readonly events: ConnectionEvents,
  ) {}

  /** Facts and list first, then the event stream and the poll. */
  async begin(): Promise<void> {
    await this.refresh(true);
    this.watch();
    this.schedulePoll();
  }

  /** Re-read the host now; a refresh already running is followed by exactly one more. */
  refresh(withFacts = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      this.againFacts ||= withFacts;
      return this.running;
    }
    this.running = (async () => {
      let facts = withFacts;
      do {
        this.again = false;
        await this.refreshOnce(facts);
        facts = this.againFacts;
        this.againFacts = false;
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async act(vmId: VmId, action: VmAction): Promise<void> {
    try {
      await this.driver.act(vmId, action);
    } finally {
      // A priority refresh, whatever the outcome: the admin wants to see the result now.
      void this.refresh();
    }
  }

  /** The driver's operations for plans, each followed by a priority refresh, as an action is. */
  operations(): HostOperations {
    return refreshingOperations(
      this.driver,
      () => void this.refresh(),
      async () => {
        await this.refresh();
        if (this.listError !== undefined) throw this.listError;
        return this.lastVms;
      },
    );
  }

  /** Stop every timer, the event stream and the session; resolves when the socket is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearTimeout(this.catchUpTimer);
    this.pollTimer = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    await this.session.close();
  }

  private async refreshOnce(withFacts: boolean): Promise<void> {
    const needFacts =
      withFacts || !this.virtualOk || Date.now() - this.factsAt >= this.timing.factsEveryMs;
    try {
      if (needFacts) {
        // Until facts read again, every refresh retries them (and no stream is started).
        this.virtualOk = false;
        const facts = await this.withPools(await this.driver.facts());
        if (this.stopped) return;
        this.factsAt = Date.now();
        this.events.seen();
        this.events.facts(facts);
        this.virtualOk = facts.virtualLayer.status === 'ok';
        if (!this.virtualOk) {
          this.listError = new AppError(
            'hypervisor-missing',
            facts.virtualLayer.problem ?? 'the hypervisor does not answer',
          );
          this.events.health({
            code: 'hypervisor-missing',
            message: facts.virtualLayer.problem ?? 'the hypervisor does not answer',
          });
          return;
        }
      }
      const listedAt = performance.now();
      const listed = await this.driver.listVms();
      if (this.stopped) return;
      const vms = keepNewerEvents(listed, this.lastVms, this.eventShown, listedAt);
      for (const [name, at] of this.eventShown) if (at < listedAt) this.eventShown.delete(name);
      this.lastVms = vms;
      this.listError = undefined;
      this.events.seen();
      this.events.vms(vms, listedAt);
      this.events.health(undefined);
    } catch (thrown) {
      this.listError = AppError.from(thrown);
      this.failed(this.listError, true);
    }
  }

  /**
   * The facts with the host's storage pools (the room copied disks need), read with them. A host
   * whose pools cannot be listed is still shown: its disks are then not weighed (said once).
   */
  private async withPools(facts: HostFacts): Promise<HostFacts> {
    if (facts.virtualLayer.status !== 'ok') return facts;
    try {
      const { pools } = await this.driver.hostStorage();
      this.poolsProblem = undefined;
      return { ...facts, pools };
    } catch (thrown) {
      const error = AppError.from(thrown);
      if (error.code === 'unreachable' || error.code === 'timeout') throw error;
      if (this.poolsProblem !== error.message) {
        this.poolsProblem = error.message;
        this.events.log(
          'warning',
          `${error.message}; its pools' free space is not weighed`,
          error.detail,
        );
      }
      return facts;
    }
  }

  /**
   * A failed facts read or listing: whatever the reason, the host cannot be shown as it is, so it
   * is a hypervisor problem (a host without `timeout` must not look "Connected" with no VMs).
   * A failed stream only logs: the poll still shows the host.
   */
  private failed(error: AppError, refreshing: boolean): void {
    if (this.stopped || error.code === 'unreachable') return; // the session's close reports that
    const hung = error.code === 'timeout' || error.code === 'hypervisor-missing';
    if (hung || refreshing) {
      this.events.health({
        code: hung ? 'hypervisor-missing' : error.code,
        message: error.message,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
      });
    }
    if (hung) return; // the state says it, and a hung libvirtd is no news on every poll
    if (error.message !== this.lastLogged) {
      this.lastLogged = error.message;
      this.events.log('warning', error.message, error.detail);
    }
  }

  /**
   * What an event says for certain is shown at once (event-state.ts), not after the listing it
   * triggers: on 50 busy hosts that listing took seconds, the event milliseconds. `at` as the
   * listing time: the change tracker already heard the event, so this says nothing twice.
   */
  private showEvent(event: VmEvent, at: number): void {
    const next = applyEvent(this.lastVms, event);
    if (next === undefined) return;
    this.lastVms = next;
    this.eventShown.set(event.domain, at);
    this.events.vms(next, at);
  }

  /** Start the event stream unless it runs, or the hypervisor is known not to answer. */
  private watch(): void {
    if (this.stopped || this.watching || !this.virtualOk) return;
    this.watching = true;
    const startedAt = Date.now();
    this.driver
      .watch({
        onChange: () => void this.refresh(),
        onLifecycle: (event) => {
          if (this.stopped) return;
          const at = performance.now();
          this.events.lifecycle(event, at);
          this.showEvent(event, at);
        },
        onBroken: (error) => {
          this.watching = false;
          this.unwatch = undefined;
          if (this.stopped || error.code === 'unreachable') return;
          this.events.streaming(false);
          // One log line per outage: a stream that dies again at once is the same outage.
          if (!this.brokenLogged || Date.now() - startedAt > this.timing.pollMs) {
            this.events.log('warning', `${error.message}; polling until it is back`, error.detail);
          }
          this.brokenLogged = true;
        },
      })
      .then((off) => {
        if (this.stopped) return off();
        this.unwatch = off;
        // The channel is open, but virsh registers for events a moment later (it prints nothing
        // when it has), and anything that changed before then (or while a broken stream was down)
        // sends no event: catch up once after that moment, and only then call the stream live,
        // so "events flow" is never claimed for a stretch no listing covered. Should virsh take
        // longer than STREAM_SETTLE_MS, the backstop poll still catches what was missed.
        clearTimeout(this.catchUpTimer);
        this.catchUpTimer = setTimeout(() => {
          this.catchUpTimer = undefined;
          void this.refresh().then(() => {
            if (!this.stopped && this.unwatch === off) this.events.streaming(true);
          });
        }, STREAM_SETTLE_MS);
      })
      .catch((thrown: unknown) => {
        this.watching = false;
        if (!this.stopped) this.events.streaming(false);
        this.failed(AppError.from(thrown), false);
      });
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.refresh().then(() => {
        this.watch(); // restart a broken stream once the hypervisor answers
        this.schedulePoll();
      });
    }, this.timing.pollMs);
  }
}
