import type { Host, HostConfig, HostFenced, HostState } from '../../../shared/domain/host';
import type { HostWitness } from '../../../shared/domain/host-witness';
import type { HostId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { HostLink, HostLinkListener } from './host-link';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import { stateChangeLine } from '../events/state-lines';
import { VmChangeTracker, type VmChangeRecord } from '../events/vm-changes';
import { vmChangeDetail, vmChangeMessage } from '../../../shared/words/vm-change-words';

/** How long a VM that left a host may take to show up on another before it is called gone. */
const GONE_GRACE_MS = 5_000;

/** Builds a host's link around the listener the fleet hands it. */
export type MakeLink = (listener: HostLinkListener) => HostLink;

export interface HostEntry {
  readonly config: HostConfig;
  readonly link: HostLink;
  readonly host: Host;
  readonly vms: readonly Vm[];
  /** Counts the host updates received; lets a caller wait for one that comes after its action. */
  readonly version: number;
}

interface MutableEntry {
  config: HostConfig;
  link: HostLink;
  host: Host;
  vms: readonly Vm[];
  version: number;
  waiters: Set<() => void>;
  /** The last state written to the log, so that retries do not repeat it. */
  loggedState?: HostState;
  /** What the log last said of each VM: kept across reconnects and link replacements. */
  changes: VmChangeTracker;
  /** The peers' testimony while the host is lost (witness-monitor.ts); shown with the host. */
  witness?: HostWitness;
  /** Found off through its BMC while lost (a recovery's fencing); shown with the host. */
  fenced?: HostFenced;
}

/** States a link ends up in once an attempt is over, whichever way it went. */
const SETTLED: ReadonlySet<HostState> = new Set<HostState>([
  'connected',
  'hypervisor-problem',
  'host-key-unknown',
  'auth-failed',
  'unreachable',
  'host-key-changed',
]);

/**
 * One link per host, real or demo, and what each last reported. Whatever a link says becomes a push
 * event; a change of state also becomes a log line, so background failures land in the log and on
 * the host's badge, never in a dialog.
 */
export class HostRegistry {
  private readonly entries = new Map<HostId, MutableEntry>();

  constructor(
    private readonly hub: EventHub,
    private readonly log: EventLog,
  ) {}

  get(id: HostId): HostEntry | undefined {
    return this.entries.get(id);
  }

  all(): HostEntry[] {
    return [...this.entries.values()];
  }

  /** Start following a host: make its link, publish it, open it. */
  attach(config: HostConfig, make: MakeLink): HostEntry {
    if (this.entries.has(config.id)) {
      throw new AppError('conflict', `host ${config.id} is already followed`);
    }
    const link = this.makeLink(config.id, make);
    const now = link.current();
    const entry: MutableEntry = {
      config,
      link,
      host: { ...now.host, config },
      vms: now.vms,
      version: 0,
      waiters: new Set(),
      changes: new VmChangeTracker(),
    };
    this.entries.set(config.id, entry);
    this.hub.emit('hosts:changed', entry.host);
    link.open();
    return entry;
  }

  /**
   * Swap a host's link for a new one (to use a passphrase, or new settings), closing the old one
   * first. With `config`, the host is shown with its new settings from here on.
   */
  async replaceLink(id: HostId, make: MakeLink, config?: HostConfig): Promise<HostEntry> {
    const entry = this.require(id);
    if (config && config.id !== id) throw new AppError('internal', `${config.id} is not ${id}`);
    const old = entry.link;
    if (config) entry.config = config;
    const link = this.makeLink(id, make); // from here on, the old link's calls are ignored
    entry.link = link;
    await old.close();
    if (this.entries.get(id) !== entry) {
      // Removed while the old link closed: showing it again would bring back a ghost host.
      await link.close();
      throw new AppError('not-found', 'no such host', { hostId: id });
    }
    if (entry.link !== link) return entry; // replaced again meanwhile: the newer call publishes
    entry.host = { ...entry.link.current().host, config: entry.config };
    this.hub.emit('hosts:changed', entry.host);
    link.open();
    return entry;
  }

  async detach(id: HostId): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.hub.emit('hosts:removed', { hostId: id });
    for (const wake of entry.waiters) wake();
    await entry.link.close();
  }

  /** New labels or name: the link keeps its own copy for connecting; the registry's is what is shown. */
  setConfig(config: HostConfig): HostEntry {
    const entry = this.require(config.id);
    entry.config = config;
    entry.host = { ...entry.host, config };
    this.hub.emit('hosts:changed', entry.host);
    return entry;
  }

  /**
   * What the peers say of a lost host, shown with it from now on (every later update of the link
   * keeps it) until it is cleared with undefined.
   */
  setWitness(id: HostId, witness: HostWitness | undefined): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (witness === undefined) {
      if (entry.witness === undefined) return;
      delete entry.witness;
      const { witness: _gone, ...rest } = entry.host;
      entry.host = rest;
    } else {
      entry.witness = witness;
      entry.host = { ...entry.host, witness };
    }
    this.hub.emit('hosts:changed', entry.host);
  }

  /**
   * The console found this lost host off through its BMC (and powered it off, if `poweredOff`):
   * shown with it until it is connected again. An earlier power off by the console is kept (its
   * time is the one that matters), a later reading that it is still off does not replace it.
   */
  setFenced(id: HostId, fenced: HostFenced): void {
    const entry = this.entries.get(id);
    if (!entry || entry.host.state === 'connected') return;
    if (entry.fenced?.poweredOff === true || (entry.fenced && !fenced.poweredOff)) return;
    entry.fenced = fenced;
    entry.host = { ...entry.host, fenced };
    this.hub.emit('hosts:changed', entry.host);
  }

  /**
   * Resolve with the host once an update newer than `afterVersion` shows a settled state, or with
   * whatever it shows after `timeoutMs`: the window decides what to tell the admin.
   */
  waitSettled(id: HostId, afterVersion: number, timeoutMs: number): Promise<Host> {
    const entry = this.require(id);
    const done = (): boolean =>
      !this.entries.has(id) || (entry.version > afterVersion && SETTLED.has(entry.host.state));
    if (done()) return Promise.resolve(entry.host);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        entry.waiters.delete(check);
        resolve(entry.host);
      };
      const check = (): void => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      timer.unref(); // a wait must not keep a stopping process alive
      entry.waiters.add(check);
    });
  }

  /** Close every link; one that hangs does not hold up quitting for more than `timeoutMs`. */
  async closeAll(timeoutMs = 5000): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    // Whoever waits for a host hears now that it is gone, not when their timeout runs out.
    for (const entry of entries) for (const wake of entry.waiters) wake();
    const links = entries.map((entry) => entry.link);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled(links.map((link) => link.close())), late]);
    clearTimeout(timer);
  }

  private require(id: HostId): MutableEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('not-found', 'no such host', { hostId: id });
    return entry;
  }

  private makeLink(id: HostId, make: MakeLink): HostLink {
    // A replaced or removed link may still call back while it winds down: only the current one
    // counts. `let`, not `const`: a link that reports from inside its own factory must not throw.
    let link: HostLink | undefined = undefined;
    const live = (): MutableEntry | undefined => {
      const entry = this.entries.get(id);
      return entry !== undefined && entry.link === link ? entry : undefined;
    };
    link = make({
      host: (host) => {
        const entry = live();
        if (entry) this.onHost(entry, host);
      },
      vms: (vms, listedAt) => {
        const entry = live();
        if (!entry) return;
        entry.vms = vms;
        this.hub.emit('vms:changed', { hostId: id, vms: [...vms] });
        this.sayVmChanges(entry, entry.changes.listing(vms, listedAt));
      },
      lifecycle: (event, at) => {
        const entry = live();
        if (entry) this.sayVmChanges(entry, entry.changes.event(event, at));
      },
      log: (line) => {
        const entry = live();
        if (entry) this.log.append({ ...line, ...this.about(entry) });
      },
    });
    return link;
  }

  /** Whom a log line is about: the id for filtering, the name for a host that is later removed. */
  private about(entry: MutableEntry): { hostId: HostId; hostName: string } {
    return { hostId: entry.config.id, hostName: entry.config.name };
  }

  /**
   * One line per VM change. A VM that left this host is called gone only if no other host shows
   * it within a few seconds: one that turned up elsewhere migrated out (the demo's moves, or a
   * live migration the backstop poll saw) and says so.
   */
  private sayVmChanges(entry: MutableEntry, records: readonly VmChangeRecord[]): void {
    for (const record of records) {
      if (record.change.kind !== 'gone' || record.vmId === undefined) {
        this.sayVmChange(entry, record);
        continue;
      }
      const vmId = record.vmId;
      const elsewhere = (): boolean =>
        this.all().some((other) => other !== entry && other.vms.some((vm) => vm.id === vmId));
      const say = (): void =>
        this.sayVmChange(
          entry,
          elsewhere() ? { ...record, change: { ...record.change, kind: 'migrated-out' } } : record,
        );
      if (elsewhere()) say();
      else
        setTimeout(
          () => this.entries.get(entry.config.id) === entry && say(),
          GONE_GRACE_MS,
        ).unref();
    }
  }

  private sayVmChange(entry: MutableEntry, record: VmChangeRecord): void {
    const said = vmChangeMessage(entry.config.name, record.vmName, record.change);
    const detail = vmChangeDetail(record.change, record.said);
    this.log.append({
      level: said.level,
      message: said.text,
      ...(detail === undefined ? {} : { detail }),
      category: 'vm',
      kind: record.change.kind,
      vmName: record.vmName,
      ...(record.vmId === undefined ? {} : { vmId: record.vmId }),
      ...(record.serviceId === undefined ? {} : { serviceId: record.serviceId }),
      seenBy: record.change.seenBy,
      ...this.about(entry),
    });
  }

  private onHost(entry: MutableEntry, host: Host): void {
    if (host.state === 'connected') delete entry.fenced; // back: whatever was fenced is over
    entry.host = {
      ...host,
      config: entry.config,
      ...(entry.witness === undefined ? {} : { witness: entry.witness }),
      ...(entry.fenced === undefined ? {} : { fenced: entry.fenced }),
    };
    entry.version++;
    const line = stateChangeLine(entry.loggedState, entry.host);
    if (line) {
      entry.loggedState = entry.host.state;
      this.log.append({ ...line, ...this.about(entry) });
    }
    this.hub.emit('hosts:changed', entry.host);
    for (const wake of entry.waiters) wake();
  }
}
