import type { HostSample } from '../../shared/domain/metrics';

/** Every host's latest sample by host id: fetched once, then kept by metrics:sampled events. */
export type LatestSamples = Readonly<Record<string, HostSample>>;

/** The samples without a removed host's (the same object when it had none). */
export function withoutHost(samples: LatestSamples, hostId: string): LatestSamples {
  if (!(hostId in samples)) return samples;
  const { [hostId]: _gone, ...rest } = samples;
  return rest;
}
