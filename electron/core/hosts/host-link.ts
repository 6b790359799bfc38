import type { VmAction } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { LogEntry } from '../../../shared/domain/log';
import type { Vm } from '../../../shared/domain/vm';
import type { HypervisorDriver, VmEvent } from '../hypervisor/hypervisor-driver';

/** What plans may do on a connected host: the driver's operations, not its watch or facts. */
export type HostOperations = Pick<
  HypervisorDriver,
  | 'act'
  | 'define'
  | 'undefine'
  | 'setMetadata'
  | 'migrate'
  | 'probeMigrationPath'
  | 'sampleCounters'
  | 'runIpmitool'
  | 'vmDetails'
  | 'hostStorage'
  | 'setAutostart'
  | 'openConsole'
  | 'openGraphics'
  | 'probeReach'
  | 'snapshots'
  | 'volumes'
> & {
  /** Re-list now and report through the listener, resolving with the list (after a plan step). */
  refresh(): Promise<readonly Vm[]>;
};

/** What a host link reports upwards; the fleet turns these into push events and log lines. */
export interface HostLinkListener {
  /** The host's state, facts or fingerprint changed. */
  host(host: Host): void;
  /**
   * The host's full VM list, after any change. `listedAt` (performance.now() when the listing
   * began) tells a listing that began before a lifecycle event from one that saw its result.
   */
  vms(vms: readonly Vm[], listedAt?: number): void;
  /** A domain's lifecycle event from the hypervisor, as it arrives (`at` on the same clock). */
  lifecycle?(event: VmEvent, at: number): void;
  log(entry: Pick<LogEntry, 'level' | 'message'> & { detail?: string }): void;
}

/** A host key the admin accepted. */
export interface TrustedKey {
  fingerprint: string;
  /** ED25519, ECDSA, RSA …; unknown for keys accepted before the type was kept. */
  keyType?: string;
}

/** Where accepted host keys live (the inventory): trust on first use, refuse a changed key. */
export interface TrustedKeys {
  get(hostId: HostId): TrustedKey | undefined;
  /** Persist before resolving: a trust the console forgets would be asked again, or worse, skipped. */
  set(hostId: HostId, key: TrustedKey): Promise<void>;
  /** Drop the key accepted for a host (its address changed, so it may be another machine). */
  forget(hostId: HostId): Promise<void>;
}

/**
 * The console's long-lived dialogue with one host: connection state machine, event stream with a
 * polling backstop, and VM actions. One per host, real (SSH + libvirt) or demo.
 */
export interface HostLink {
  readonly id: HostId;
  current(): { host: Host; vms: readonly Vm[] };
  /** Start connecting (idempotent); state changes arrive through the listener. */
  open(): void;
  /** Accept the fingerprint the host presented, then connect. Refused if it is not the one shown. */
  trust(fingerprint: string): Promise<void>;
  /** Drop and re-establish the connection now (also clears the backoff). */
  reconnect(): Promise<void>;
  /** Close the connection and stay closed until reconnect(). */
  disconnect(): Promise<void>;
  act(vmId: VmId, action: VmAction): Promise<void>;
  /**
   * The hypervisor of a connected host, for plans (define, migrate …). Rejects with an `unreachable`
   * AppError naming the host and its state when the host is not connected.
   */
  hypervisor(): Promise<HostOperations>;
  /** Release everything; the link is not used again. */
  close(): Promise<void>;
}
