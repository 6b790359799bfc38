import { z } from 'zod';
import { ErrorCode } from '../errors';
import { HostCpuCount, LoadAverage, MemoryMiB, UptimeSeconds } from './host-figures';
import { MAX_HOST_STORAGE_ITEMS, StoragePool } from './host-storage';
import { HostWitness } from './host-witness';
import { HostId } from './ids';
import { PowerConfig } from './power';
import { CpuOvercommit, MemoryOvercommit } from './settings';

/**
 * Connection state of a host, as the console's dialogue with it stands. Each value maps to one
 * thing an admin can do about it, which is why "failed" is split into its causes.
 */
export const HostState = z.enum([
  'connecting', // first handshake or a reconnect attempt under way
  'connected', // SSH up and the hypervisor answering
  'hypervisor-problem', // SSH up, but libvirt missing or not answering (see virtualLayer.problem)
  'unreachable', // TCP/SSH failed or keepalive timed out; reconnects with backoff
  'auth-failed', // the server refused our key: retrying will not help
  'host-key-unknown', // first contact: waiting for the admin to confirm the fingerprint
  'host-key-changed', // the key differs from the one accepted before: refused, never retried
  'disconnected', // the admin paused the connection
]);
export type HostState = z.infer<typeof HostState>;

/** Which driver speaks to the host: real libvirt over SSH, or the simulated demo fleet. */
export const DriverKind = z.enum(['libvirt', 'demo']);
export type DriverKind = z.infer<typeof DriverKind>;

/** Free-form labels (zone, rack, ssd …) that placement rules match against. */
export const Labels = z.record(z.string().min(1).max(64), z.string().max(128));
export type Labels = z.infer<typeof Labels>;

/** A migration bandwidth cap in MiB/s: 1 MiB/s up to 100 GiB/s (beyond any link today). */
export const MigrationBandwidthMiBs = z.number().int().min(1).max(102_400);

/** What the admin configured for a host; persisted in the inventory. */
export const HostConfig = z.object({
  id: HostId,
  name: z.string().min(1).max(200),
  address: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1).max(64),
  /** Private key file; absent means "use ssh-agent". */
  keyPath: z.string().max(4096).optional(),
  /** libvirt connection URI used on the host, e.g. qemu:///system or qemu:///session. */
  uri: z.string().min(1).max(512),
  labels: Labels,
  driver: DriverKind,
  /** In maintenance the host takes no new VMs (placement refuses it) until the admin ends it. */
  maintenance: z.boolean().optional(),
  /**
   * Cap on live migrations leaving this host, in MiB/s (`virsh migrate --bandwidth`), so a move
   * does not fill the link the host's VMs serve on. Absent: no cap, QEMU sends as fast as it can.
   */
  migrationBandwidthMiBs: MigrationBandwidthMiBs.optional(),
  /** This host's vCPUs per core, over the fleet's setting (a host of idle test VMs may take more). */
  cpuOvercommit: CpuOvercommit.optional(),
  /** This host's memory ratio, over the fleet's setting. */
  memoryOvercommit: MemoryOvercommit.optional(),
  /**
   * Reach this host through another host of the console (OpenSSH's ProxyJump): one SSH connection
   * to that host, this host's connection forwarded through it. Its host key is the one trusted for
   * that host. Absent: connect directly.
   */
  jumpHostId: HostId.optional(),
  /** Power management through the host's BMC (fencing); its password is kept apart, sealed. */
  power: PowerConfig.optional(),
});
export type HostConfig = z.infer<typeof HostConfig>;

/** The first software layer: the host's operating system. */
export const OsLayer = z.object({
  name: z.string(),
  kernel: z.string(),
  uptimeSeconds: UptimeSeconds,
  load: z.tuple([LoadAverage, LoadAverage, LoadAverage]),
});
export type OsLayer = z.infer<typeof OsLayer>;

/** The second software layer: the hypervisor, reached through its control program (libvirt). */
export const VirtualLayer = z.object({
  status: z.enum(['ok', 'missing', 'not-answering']),
  /** Hypervisor kind as libvirt reports it (qemu, kvm …). */
  kind: z.string().optional(),
  hypervisorVersion: z.string().optional(),
  libvirtVersion: z.string().optional(),
  uri: z.string(),
  liveMigration: z.boolean(),
  /** What is missing or failing, in words an admin can act on. */
  problem: z.string().optional(),
});
export type VirtualLayer = z.infer<typeof VirtualLayer>;

/** What the console learnt from the host itself. */
export const HostFacts = z.object({
  hostname: z.string(),
  os: OsLayer,
  cpu: z.object({ cores: HostCpuCount, model: z.string() }),
  memoryMiB: MemoryMiB,
  virtualLayer: VirtualLayer,
  /**
   * The host's storage pools, read with the facts (every minute, and fresh before a move is
   * checked): the room a copied disk needs. Absent when the host's libvirt did not list them.
   */
  pools: z.array(StoragePool).max(MAX_HOST_STORAGE_ITEMS).optional(),
});
export type HostFacts = z.infer<typeof HostFacts>;

/**
 * The error behind a trouble state, as data: the window chooses what to offer (a passphrase field,
 * a fingerprint to check, patience) from the code and the flags, never from the wording.
 */
export const HostProblem = z.object({
  code: ErrorCode,
  /** The same words as the state detail, without the retry countdown. */
  message: z.string(),
  detail: z.string().optional(),
  /**
   * The key file is encrypted and its passphrase was not given ('missing') or did not open it
   * ('wrong'). Passphrases are never stored, so this comes back with every new console run.
   */
  passphrase: z.enum(['missing', 'wrong']).optional(),
});
export type HostProblem = z.infer<typeof HostProblem>;

/** A lost host known off by its BMC: since when, and whether the console powered it off. */
export const HostFenced = z.object({ at: z.number(), poweredOff: z.boolean() });
export type HostFenced = z.infer<typeof HostFenced>;

/** A host as the window sees it: configuration plus live state. */
export const Host = z.object({
  config: HostConfig,
  state: HostState,
  /** Why the host is in this state, in words (the last error, the missing piece …). */
  stateDetail: z.string().optional(),
  /**
   * Set exactly when the state is one of trouble (unreachable, auth-failed, host-key-unknown,
   * host-key-changed, hypervisor-problem); absent once connected, connecting or disconnected.
   */
  problem: HostProblem.optional(),
  /** SHA256 fingerprint the host presented; set when waiting for trust or when it changed. */
  presentedFingerprint: z.string().optional(),
  /** The type of the presented key as OpenSSH names it in its prompts: ED25519, ECDSA, RSA … */
  presentedKeyType: z.string().optional(),
  /** The fingerprint accepted earlier, if any. */
  trustedFingerprint: z.string().optional(),
  /** The type of the accepted key, when it was recorded (keys trusted before it was kept have none). */
  trustedKeyType: z.string().optional(),
  facts: z.object({ value: HostFacts, at: z.number() }).optional(),
  /** Epoch ms of the last successful exchange with the host. */
  lastSeen: z.number().optional(),
  /**
   * While the host is unreachable: whether the other connected hosts still reach it (asked again
   * every few seconds while it stays lost). Absent once it is back, and before the first answer.
   */
  witness: HostWitness.optional(),
  /**
   * While the host stays lost after the console found it off through its BMC (fenced for a
   * recovery): when, and whether the console powered it off (`poweredOff`) or found it off.
   * Absent once the host is connected again.
   */
  fenced: HostFenced.optional(),
});
export type Host = z.infer<typeof Host>;

/** The key file needs a passphrase the console does not have (none given, or a wrong one). */
export function needsPassphrase(host: Pick<Host, 'problem'>): boolean {
  return host.problem?.passphrase !== undefined;
}
