import type { HostId } from '../../../shared/domain/ids';
import type { CounterSample } from './counters';

/**
 * Where a round's counters come from, other than each host's own SSH sample: the collector asks
 * its source once per round, with the connected hosts. A host in the answer is read from it (or
 * skipped this round, `unchanged`, when the source has nothing newer than last time); a host not
 * in it is sampled over SSH as before.
 */
export interface MetricsSource {
  read(hosts: readonly { id: HostId; address: string }[]): Promise<SourceReadings>;
}

export type SourceReadings = Map<HostId, CounterSample | 'unchanged'>;
