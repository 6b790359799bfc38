import type { HostId } from '../../../shared/domain/ids';
import type { GroupPathCheck, MigrationPath } from '../../../shared/domain/migration-path';

/** One directed pair of hosts: can `from` migrate to `to`? */
export interface HostPair {
  from: HostId;
  to: HostId;
}

/**
 * Knows, for every ordered pair of connected hosts, whether the source can live-migrate to the
 * target (probed from the source itself), re-checks when a host connects and periodically, and
 * publishes the whole list as `paths:changed`.
 */
export interface PathMonitor {
  list(): MigrationPath[];
  /** Probe again now: every pair, or the pairs from and to one host. Resolves with the whole list. */
  check(hostId?: HostId): Promise<MigrationPath[]>;
  /**
   * The links of these pairs, probing the ones never checked first (a fleet too large to sweep
   * probes a pair the first time a plan needs it). Pairs that are not two connected hosts of the
   * same driver come back `unknown` without a probe.
   */
  ensure(pairs: readonly HostPair[]): Promise<MigrationPath[]>;
  /**
   * Probe again now every ordered pair among these hosts (both ends connected, of one driver);
   * the others are skipped. Refused in words past GROUP_CHECK_MAX_HOSTS usable hosts. The pairs
   * probed are kept up to date from then on, as any pair probed once.
   */
  checkGroup(hostIds: readonly HostId[]): Promise<GroupPathCheck>;
  stop(): Promise<void>;
}
