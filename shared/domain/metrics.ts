import { z } from 'zod';
import { HostId } from './ids';

/**
 * Utilisation over time. Hosts and VMs each have six metrics (the stores give every object the
 * same six channels); a chart, an alert or a card asks for one metric of one object.
 *
 * Units: `cpu` and `iowait` in % (a host's of all its cores, a VM's of its own vCPUs), `memory` in
 * MiB used, `rootDisk` in % of / used, the rest in bytes per second.
 */
export const HOST_METRICS = ['cpu', 'iowait', 'memory', 'netIn', 'netOut', 'rootDisk'] as const;
export const VM_METRICS = ['cpu', 'memory', 'netIn', 'netOut', 'diskRead', 'diskWrite'] as const;
export type HostMetric = (typeof HOST_METRICS)[number];
export type VmMetric = (typeof VM_METRICS)[number];
export const MetricName = z.enum([
  'cpu',
  'iowait',
  'memory',
  'netIn',
  'netOut',
  'rootDisk',
  'diskRead',
  'diskWrite',
]);
export type MetricName = z.infer<typeof MetricName>;
export type MetricKind = 'host' | 'vm';

/** The metrics of each kind, in the order the stores keep their channels. */
export function metricsOf(kind: MetricKind): readonly MetricName[] {
  return kind === 'host' ? HOST_METRICS : VM_METRICS;
}

/** One resolution of the history: a bucket every `stepMs`, `buckets` of them kept (a ring). */
export interface MetricTier {
  name: '10s' | '1m' | '30m';
  stepMs: number;
  buckets: number;
}

/** 10 s × 1 h, 1 min × 24 h, 30 min × 30 days: the anchors' tiers (Proxmox keeps 1 min and 30 min). */
export const METRIC_TIERS: readonly MetricTier[] = [
  { name: '10s', stepMs: 10_000, buckets: 360 },
  { name: '1m', stepMs: 60_000, buckets: 1440 },
  { name: '30m', stepMs: 30 * 60_000, buckets: 1440 },
];
export const MetricTierName = z.enum(['10s', '1m', '30m']);

/** Points one series answer may carry: a 30-day range at 30 min is 1,440; 24 h at 1 min too. */
export const MAX_SERIES_POINTS = 2000;

/**
 * The tier that answers a range: the finest one that still holds `from` and gives at most
 * MAX_SERIES_POINTS points. A range older than every tier gets the coarsest.
 */
export function tierFor(from: number, to: number, now: number): MetricTier {
  const span = Math.max(0, to - from);
  for (const tier of METRIC_TIERS) {
    const kept = tier.stepMs * tier.buckets;
    if (now - from <= kept && span / tier.stepMs <= MAX_SERIES_POINTS) return tier;
  }
  return METRIC_TIERS[METRIC_TIERS.length - 1] as MetricTier;
}

const Figure = z.number().finite().min(0).max(1e15);

/** A request for the history of one metric of one host or VM. Times in ms since the epoch. */
export const MetricSeriesRequest = z
  .object({
    /** A host id or a VM's UUID. */
    objectId: z.string().min(1).max(200),
    metric: MetricName,
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    /** Force a tier; by default the one that fits (tierFor). */
    tier: MetricTierName.optional(),
  })
  .refine((r) => r.to >= r.from, { message: '`to` must not be before `from`' });
export type MetricSeriesRequest = z.infer<typeof MetricSeriesRequest>;

/** One bucket: its start, the average and the maximum of the samples in it (null: no sample). */
export const MetricPoint = z.object({
  t: z.number(),
  avg: Figure.nullable(),
  max: Figure.nullable(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const MetricSeries = z.object({
  objectId: z.string(),
  metric: MetricName,
  tier: MetricTierName,
  stepMs: z.number().int().positive(),
  points: z.array(MetricPoint).max(MAX_SERIES_POINTS),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

/** A host's latest figures, for its card. A rate is absent until two samples are in. */
export const HostUsage = z.object({
  cpu: Figure.optional(),
  iowait: Figure.optional(),
  memory: Figure.optional(),
  memoryTotalMiB: Figure.optional(),
  netIn: Figure.optional(),
  netOut: Figure.optional(),
  rootDisk: Figure.optional(),
});
export type HostUsage = z.infer<typeof HostUsage>;

export const VmUsage = z.object({
  vmId: z.string().min(1).max(200),
  cpu: Figure.optional(),
  memory: Figure.optional(),
  netIn: Figure.optional(),
  netOut: Figure.optional(),
  diskRead: Figure.optional(),
  diskWrite: Figure.optional(),
});
export type VmUsage = z.infer<typeof VmUsage>;

/** VMs one host's sample may carry: far above what one machine runs. */
export const MAX_VMS_PER_SAMPLE = 5000;

/** The latest sample of one host and its VMs: pushed after every round, kept for a new window. */
export const HostSample = z.object({
  hostId: HostId,
  at: z.number(),
  host: HostUsage,
  vms: z.array(VmUsage).max(MAX_VMS_PER_SAMPLE),
});
export type HostSample = z.infer<typeof HostSample>;
