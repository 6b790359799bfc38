/**
 * What the placement engine reads: hosts, applications, VMs and a policy. Plain data, so that it
 * crosses IPC and files unchanged; the CLI parses it with `parsePlacementInput`.
 */

/** Only `up` hosts receive VMs; VMs already on other hosts stay counted against them. */
export type HostState = 'up' | 'maintenance' | 'down';

/** Physical capacity of a host, before any overcommit ratio is applied. */
export interface HostCapacity {
  /** CPU cores (threads libvirt reports); VMs' vCPUs are checked against cores × overcommit. */
  cpu: number;
  memoryMiB: number;
  /** Omitted: the host's disk is not checked (treated as unlimited). */
  diskGiB?: number;
}

/** A hypervisor host as the engine sees it. */
export interface PlacementHost {
  id: string;
  capacity: HostCapacity;
  /** Free-form labels (`zone`, `rack`, `ssd` …) matched by applications' `requiredLabels`. */
  labels?: Record<string, string>;
  /** Default `up`. */
  state?: HostState;
  /** Hypervisor kind (`kvm`, `qemu` …), matched by an application's `hypervisor`. */
  hypervisor?: string;
  /** Overrides the policy's `cpuOvercommit` for this host. */
  cpuOvercommit?: number;
  /** Overrides the policy's `memoryOvercommit` for this host. */
  memoryOvercommit?: number;
}

/** `hard` rules filter hosts out; `soft` rules only lower a host's score. */
export type RuleStrength = 'hard' | 'soft';

/** Replicas of one application on different hosts, or in different zones. */
export interface SpreadRule {
  across: 'host' | 'zone';
  strength: RuleStrength;
}

/** VMs of an application go on hosts that run a VM of application `with`. */
export interface ColocateRule {
  with: string;
  strength: RuleStrength;
}

/** A workload and its characteristics; every VM of it has the same size. */
export interface PlacementApplication {
  id: string;
  /** Applications of one service are placed all or nothing. */
  service?: string;
  vcpus: number;
  memoryMiB: number;
  /** Default 0. */
  diskGiB?: number;
  /** Wanted number of VMs (default 1); missing ones become new VMs named `<app>-<n>`. */
  replicas?: number;
  spread?: SpreadRule;
  colocate?: ColocateRule;
  /** Every label here must be present on the host with the same value. */
  requiredLabels?: Record<string, string>;
  /** Required hypervisor kind of the host. */
  hypervisor?: string;
  /** Higher is placed first (default 0). */
  priority?: number;
}

/** A VM of an application; with `host` it is already placed there. */
export interface PlacementVm {
  id: string;
  application: string;
  host?: string;
}

/** `pack`: fewest hosts (consolidation). `spread`: most headroom left on each host. */
export type PlacementMode = 'pack' | 'spread';

/** Fleet-wide settings. */
export interface PlacementPolicy {
  /** Default `spread`. */
  mode?: PlacementMode;
  /** vCPUs per core allowed on every host (default 1). */
  cpuOvercommit?: number;
  /** Memory overcommit ratio (default 1: none). */
  memoryOvercommit?: number;
  /** Label that names a host's zone for zone spread (default `zone`); a host without it is its own zone. */
  zoneLabel?: string;
  /** Minimum gain in headroom (fraction, default 0.05) for rebalance to move a VM in `spread` mode. */
  hysteresis?: number;
  /**
   * Seed of the shuffled order that `pack` tries besides largest-first (default 1): the plan with
   * fewer unplaced VMs, then fewer hosts, wins. Same input and seed, same plan.
   */
  seed?: number;
}

/** A directed pair of hosts with no live-migration path from `from` to `to`. */
export interface MigrationBlock {
  from: string;
  to: string;
}

/** Everything the engine reads for one decision. */
export interface PlacementInput {
  /** Format version; only 1 exists. */
  version?: 1;
  hosts: PlacementHost[];
  applications: PlacementApplication[];
  vms?: PlacementVm[];
  policy?: PlacementPolicy;
  /** Pairs of hosts that cannot migrate between each other (all others can). */
  unreachable?: MigrationBlock[];
}
