import type { HostId } from '../../../shared/domain/ids';
import type { MigrationLink } from '../../../shared/domain/migration-link';

/**
 * Knows, for every ordered pair of connected hosts, whether the source can live-migrate to the
 * target (probed from the source itself), re-checks when a host connects and periodically, and
 * publishes the whole list as `links:changed`.
 */
export interface LinkMonitor {
  list(): MigrationLink[];
  /** Probe again now: every pair, or the pairs from and to one host. */
  check(hostId?: HostId): Promise<MigrationLink[]>;
  stop(): Promise<void>;
}
