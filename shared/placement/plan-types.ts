/**
 * What the placement engine answers: a plan (assignments, moves, unplaced VMs with reasons,
 * explanations) and what-if verdicts. Plain data, safe to send over IPC or print as JSON.
 */
import type { Refusal, RefusalCode } from '../domain/reason';
import type { PlacementMode } from './input-types';

/** Why a host was refused for a VM, in the order the engine checks them (see domain/reason). */
export type { RefusalCode } from '../domain/reason';

/** A VM on a host at the end of the plan. */
export interface Assignment {
  vm: string;
  application: string;
  host: string;
}

/** A VM that changes host; `restart` when its source is down (no live migration possible). */
export interface Move {
  vm: string;
  application: string;
  from: string;
  to: string;
  kind: 'migrate' | 'restart';
}

/** Hosts refused for one reason; shared/words says it ("412 hosts: memory short by ≥ 512 MiB"). */
export interface RefusalGroup {
  code: RefusalCode;
  /** Number of hosts refused for this reason (each host counts once, under its first reason). */
  hosts: number;
  /** Up to 5 of them, in input order. */
  sample: string[];
  /** Smallest shortfall over these hosts, for `cpu` (vCPUs), `memory` (MiB) and `disk` (GiB). */
  shortBy?: number;
  /** The VM that makes the rule bite (`spread-host`, `spread-zone`), or the missing label. */
  subject?: string;
}

/** Resources to free on a host, or the size of a host to add. */
export interface ResourceAmounts {
  cpu: number;
  memoryMiB: number;
  diskGiB: number;
}

/** A rule that relaxing would let the VM fit: its code, and what the words name. */
export type RelaxableRule = Extract<
  RefusalCode,
  'spread-host' | 'spread-zone' | 'colocate' | 'label' | 'hypervisor' | 'no-path'
>;

/** A smallest change that would let an unplaced VM fit, as data (shared/words says it). */
export type Suggestion =
  | { kind: 'free-resources'; host: string; resources: ResourceAmounts }
  | { kind: 'leave-maintenance'; host: string }
  | {
      kind: 'relax-rule';
      rule: RelaxableRule;
      application: string;
      /** The partner application (`colocate`), the hypervisor (`hypervisor`), the source (`no-path`). */
      subject?: string;
      /** Number of hosts that would accept the VM. */
      hostsThatWouldFit: number;
    }
  | {
      kind: 'add-host';
      resources: ResourceAmounts;
      hypervisor?: string;
      /** Required labels as `key=value`. */
      labels: string[];
    };

/** A VM the plan could not place, with the reasons grouped by host count. */
export interface UnplacedVm {
  vm: string;
  application: string;
  /** Most hosts first; empty when the fleet has no host (or the VM is `blockedBy`). */
  refusals: RefusalGroup[];
  suggestions: Suggestion[];
  /** Set when the VM itself fits but its service is all-or-nothing and another application failed. */
  blockedBy?: { service: string; application: string };
}

/**
 * Per-criterion score of a host for a VM; `total` = capacity + inUse + spread + colocate.
 * capacity: pack = tightness of fit (1 = host full after), spread = headroom left (1 = empty).
 * inUse: pack only, 1 when the host already runs VMs. spread: −2 per same-application VM on the
 * host (or zone) under a soft spread rule. colocate: +2 when a soft co-location partner is there.
 */
export interface CriterionScores {
  capacity: number;
  inUse: number;
  spread: number;
  colocate: number;
  total: number;
}

/** One candidate host and its scores. */
export interface HostScore {
  host: string;
  criteria: CriterionScores;
}

/** Why a VM went where it went: the chosen host and the next best ones (up to 3). */
export interface Explanation {
  vm: string;
  host: string;
  criteria: CriterionScores;
  runnersUp: HostScore[];
  /**
   * Set when pack mode's improvement phase moved the VM here after the greedy pass, to empty host
   * `emptied`: `criteria` are then scored against the final plan, and there are no runners-up.
   */
  repacked?: { emptied: string };
}

/** Figures about a plan. */
export interface PlanStats {
  /** Hosts running at least one VM at the end of the plan. */
  hostsUsed: number;
  /** No plan can fit the assigned VMs on fewer hosts (max over resources of a capacity bound). */
  lowerBound: number;
  elapsedMs: number;
  placed: number;
  unplaced: number;
  moves: number;
}

/** The answer to place / evacuate / rebalance. Deterministic except `stats.elapsedMs`. */
export interface PlacementPlan {
  version: 1;
  operation: 'place' | 'evacuate' | 'rebalance';
  mode: PlacementMode;
  /** Every VM on a host at the end of the plan, in input order then new VMs. */
  assignments: Assignment[];
  /** VMs that change host (evacuate, rebalance); empty for place. */
  moves: Move[];
  unplaced: UnplacedVm[];
  /** One per VM placed or moved by this plan (empty when explanations are turned off). */
  explanations: Explanation[];
  /** Hosts emptied by an evacuate. */
  evacuated?: string[];
  /** True when rebalance stopped on its move budget (a re-run may find more moves). */
  truncated?: boolean;
  stats: PlanStats;
}

/** Free resources on a host after a what-if; fractions are of the effective capacity. */
export interface Headroom {
  host: string;
  cpu: number;
  memoryMiB: number;
  /** Null when the host's disk is not tracked. */
  diskGiB: number | null;
  /** Smallest free fraction over the tracked resources (negative: overloaded). */
  fraction: number;
}

/** The verdict on one VM of a what-if. */
export interface WhatIfMove {
  vm: string;
  from: string | null;
  to: string;
  ok: boolean;
  /** Every hard rule the move breaks (empty when ok). */
  refusals: Refusal[];
  /** Score at the target minus score where it is now (positive: better under the mode). */
  scoreDelta: number;
}

/** Answer to "what if these VMs went to these hosts?". */
export interface WhatIfAnswer {
  ok: boolean;
  moves: WhatIfMove[];
  scoreDelta: number;
  /** Each target host after all the moves. */
  headroom: Headroom[];
}
