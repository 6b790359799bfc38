import type { VmAction } from '../../../shared/contract/requests';
import type { GraphicsProtocol } from '../../../shared/domain/console';
import type { HostFacts } from '../../../shared/domain/host';
import type { HostStorage } from '../../../shared/domain/host-storage';
import type { WitnessAnswer } from '../../../shared/domain/host-witness';
import type { ApplicationId, HostId, ServiceId, VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import type { VmFullDetails } from '../../../shared/domain/vm-details';
import type { VmSnapshotList } from '../../../shared/domain/snapshot';
import type { PoolVolume } from '../../../shared/domain/create-vm';
import type { AppError } from '../../../shared/errors';
import type { VmChangeKind, VmPhase } from '../../../shared/domain/vm-change';
import type { CounterSample } from '../metrics/counters';
import type { IpmitoolRun } from '../power/ipmitool';
import type { TerminalChannel, TerminalHandlers, TerminalSize } from '../ssh/remote-shell';

/**
 * One hypervisor on one host, whatever speaks to it: libvirt over SSH (the real one) or the demo
 * simulation. The host connection owns the driver and decides when to call it.
 */
export interface HypervisorDriver {
  /** OS layer, hardware and virtual layer; a missing libvirt is reported in virtualLayer, not thrown. */
  facts(): Promise<HostFacts>;
  /** Every domain on the host, active or not, in one bulk call. */
  listVms(): Promise<Vm[]>;
  /**
   * Follow the hypervisor's own events; `onChange` fires when something changed (the caller then
   * re-lists), `onBroken` when the event stream ends so the caller can fall back to polling.
   */
  watch(handlers: WatchHandlers): Promise<() => void>;
  act(vmId: VmId, action: VmAction): Promise<void>;
  /**
   * Define a domain from XML (the XML names its UUID; defining the same UUID again updates it, so a
   * re-run cannot create a second VM). Resolves with the UUID libvirt reports.
   */
  define(xml: string): Promise<VmId>;
  /** Remove a shut-off domain's definition. A domain that is already gone is not an error. */
  undefine(vmId: VmId): Promise<void>;
  /** Tag a domain with its application and service in its <metadata> (live and persistent config). */
  setMetadata(vmId: VmId, tags: VmTags): Promise<void>;
  /**
   * Move a domain to another host, run from this (the source) host: live with `--live` for a running
   * VM, `--offline` for a shut-off one; always `--persistent --undefinesource`. Progress comes from
   * libvirt's own progress output. Aborting the signal runs `virsh domjobabort` and rejects with a
   * `cancelled` AppError; any failure rejects with libvirt's message as the detail, and the VM stays
   * on the source.
   */
  migrate(vmId: VmId, target: MigrationTarget, options: MigrateOptions): Promise<void>;
  /** Check, from this host, the path a migration to `target` would use (SSH + the target's libvirt). */
  probeMigrationPath(target: MigrationTarget): Promise<PathProbe>;
  /**
   * What the details panel shows of one VM beyond the fleet's figures (disks, NICs and addresses,
   * OS, uptime, autostart, its XML), read when the VM is opened.
   */
  vmDetails(vmId: VmId): Promise<VmFullDetails>;
  /**
   * The VM's serial console on a terminal (`virsh console`): bytes both ways until either side
   * closes it. Refused in words for a VM with no serial device.
   */
  openConsole(vmId: VmId, size: TerminalSize, handlers: TerminalHandlers): Promise<TerminalChannel>;
  /**
   * The VM's VNC or SPICE display as a byte stream to the listener on the host, through the host's
   * SSH connection. Optional: the demo's VMs have no display.
   */
  openGraphics?(vmId: VmId, handlers: TerminalHandlers): Promise<GraphicalStream>;
  /** The host's storage pools and virtual networks, with their sizes and state. */
  hostStorage(): Promise<HostStorage>;
  /** Start the VM with its host's libvirt, or not (`virsh autostart [--disable]`). */
  setAutostart(vmId: VmId, enabled: boolean): Promise<void>;
  /**
   * The host's and its domains' utilisation counters, in one command (electron/core/metrics).
   * Optional: a driver without it is simply not sampled.
   */
  sampleCounters?(): Promise<CounterSample>;
  /**
   * Run ipmitool on this host as a fence proxy (electron/core/power), the password handed over on
   * stdin, never on a command line. Optional: the demo's hosts have no ipmitool.
   */
  runIpmitool?(argv: readonly string[], password: string): Promise<IpmitoolRun>;
  /**
   * Whether this host reaches `address:port` over TCP (the SSH port of a host the console lost),
   * asked from this host over its own connection: the second witness. Never rejects: a probe that
   * could not run is `unasked`. Optional: a driver without it is no witness.
   */
  probeReach?(address: string, port: number): Promise<WitnessAnswer>;
  /** The VM's snapshots (`virsh snapshot-*`). Optional: a driver without them offers none. */
  snapshots?: SnapshotOperations;
  /** A pool's volumes: listed, made, copied, deleted (`virsh vol-*`). Optional: none offered without. */
  volumes?: VolumeOperations;
}

/**
 * Volumes of a host's storage pools, by pool and volume name (each passed to virsh as its own
 * argument, never through a shell). Each refusal is said in words, libvirt's own kept as detail.
 */
export interface VolumeOperations {
  /** The pool's volumes (at most MAX_POOL_VOLUMES). */
  list(pool: string): Promise<PoolVolume[]>;
  /** A new empty volume of that size and format. */
  create(pool: string, spec: NewVolume): Promise<void>;
  /** A copy of `source` named `name` in the same pool (`virsh vol-clone`). */
  clone(pool: string, source: string, name: string): Promise<void>;
  /** Delete a volume; one that is already gone is not an error. */
  remove(pool: string, name: string): Promise<void>;
}

export interface NewVolume {
  name: string;
  capacityBytes: number;
  format: 'qcow2' | 'raw';
}

/** List, take, revert and delete a VM's snapshots; each refusal is said in words. */
/**
 * A graphical console's first connection, and what it speaks. A SPICE display takes one connection
 * per channel, all to the same listener: `another` opens the next one (part of this console, not
 * counted as another).
 */
export interface GraphicalStream extends TerminalChannel {
  protocol: GraphicsProtocol;
  another?: (handlers: TerminalHandlers) => Promise<TerminalChannel>;
}

export interface SnapshotOperations {
  list(vmId: VmId): Promise<VmSnapshotList>;
  create(vmId: VmId, spec: SnapshotSpec): Promise<void>;
  revert(vmId: VmId, name: string): Promise<void>;
  /** Delete one snapshot; with `children`, the snapshots below it too. */
  remove(vmId: VmId, name: string, children: boolean): Promise<void>;
}

/** A snapshot to take: memory kept unless `diskOnly` (a running VM's disks only, as overlays). */
export interface SnapshotSpec {
  name: string;
  description?: string;
  diskOnly: boolean;
}

export interface WatchHandlers {
  onChange(): void;
  onBroken(error: AppError): void;
  /** A domain's lifecycle event, as soon as it arrives (before the listing it triggers). */
  onLifecycle?(event: VmEvent): void;
}

/**
 * A lifecycle event of one domain: the phase it leaves the VM in and the change it is (none for a
 * step that says nothing on its own, such as the pause at the end of a live migration).
 */
export interface VmEvent {
  /** The domain's name: events carry no UUID. */
  domain: string;
  phase?: VmPhase;
  kind?: VmChangeKind;
  reason?: string;
  /** libvirt's own words ("Stopped Failed"), for the line's detail. */
  said: string;
}

/** The application and service a VM belongs to, as written in the domain's <metadata>. */
export interface VmTags {
  application: ApplicationId;
  service: ServiceId;
}

/** Where a migration goes: the target host as the console knows it. */
export interface MigrationTarget {
  hostId: HostId;
  hostName: string;
  /** Address, port and user the SOURCE host uses to reach the target (the console's own settings). */
  address: string;
  port: number;
  user: string;
  /** The target's libvirt URI on the target itself (qemu:///system …). */
  uri: string;
}

export interface MigrateOptions {
  live: boolean;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Cap in MiB/s (virsh --bandwidth); none by default. */
  bandwidthMiBs?: number;
  /**
   * The disks to copy to the target (their device names), live only: `--copy-storage-all
   * --migrate-disks …`. None: the storage is shared (or there is none).
   */
  copyDisks?: readonly string[];
}

export type PathProbe = { ok: true } | { ok: false; message: string; fix: string; detail?: string };
