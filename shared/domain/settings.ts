import { z } from 'zod';
import { DEFAULT_PROMETHEUS, PrometheusSettings, PrometheusSettingsPatch } from './prometheus';

/**
 * The console's settings: one document, stored in the inventory, the same for every window.
 * Each range below carries its reason, which the settings form shows next to the field.
 */
export const SETTING_LIMITS = {
  cpuOvercommit: {
    min: 1,
    max: 16,
    why: 'vCPUs per physical core. Idle guests rarely use their vCPUs, so 4 is common; past 16 even light loads wait for a core (steal time).',
  },
  memoryOvercommit: {
    min: 1,
    max: 2,
    why: 'Memory promised per MiB the host has. Risky: when guests touch what they were promised the host swaps or its OOM killer kills a VM. Keep 1 unless guests balloon or KSM shares pages.',
  },
  pollSeconds: {
    min: 2,
    max: 300,
    why: "How often each host is listed again behind libvirt's events (and instead of them when they stop). Shorter costs an SSH command per host each time; longer leaves a missed change on screen longer.",
  },
  sampleSeconds: {
    min: 5,
    max: 300,
    why: 'How often each connected host is sampled for utilisation (one SSH command per host). Shorter gives finer charts and costs the host and the console more; history is kept in 10 s, 1 min and 30 min buckets.',
  },
  eventLogSize: {
    min: 100,
    max: 10_000,
    why: 'Lines the event log keeps in memory; the oldest fall off. More lines, more memory.',
  },
} as const;

type Limit = keyof typeof SETTING_LIMITS;

/** A number within its limit; the message names the range, as the form shows it. */
function ranged(limit: Limit, options: { integer: boolean }) {
  const { min, max } = SETTING_LIMITS[limit];
  const words = `${options.integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  const base = z.number({ error: `Must be ${words}` });
  return (options.integer ? base.int({ error: `Must be ${words}` }) : base)
    .min(min, { error: `Must be ${words}` })
    .max(max, { error: `Must be ${words}` });
}

export const CpuOvercommit = ranged('cpuOvercommit', { integer: false });
export const MemoryOvercommit = ranged('memoryOvercommit', { integer: false });

/** Which actions ask before they act. Off: the action runs as soon as it is asked for. */
export const Confirmations = z.object({
  /** Review the plan of a drag or "Move to…" before it runs (refusals are always shown). */
  moves: z.boolean(),
  /** Ask before forcing a VM off (its virtual power plug: the guest loses what it had not saved). */
  stop: z.boolean(),
  /** Ask before removing a host or deleting a service and its VMs. */
  delete: z.boolean(),
});
export type Confirmations = z.infer<typeof Confirmations>;

export const Settings = z.object({
  /** Fleet-wide vCPUs per core; a host's own ratio (HostConfig.cpuOvercommit) wins over it. */
  cpuOvercommit: CpuOvercommit,
  /** Fleet-wide memory ratio (1: none); a host's own ratio wins over it. */
  memoryOvercommit: MemoryOvercommit,
  /** Backstop poll of each host, seconds. */
  pollSeconds: ranged('pollSeconds', { integer: true }),
  /** Utilisation sample of each connected host, seconds. */
  sampleSeconds: ranged('sampleSeconds', { integer: true }),
  /** Lines kept by the event log. */
  eventLogSize: ranged('eventLogSize', { integer: true }),
  confirm: Confirmations,
  /** Read utilisation from Prometheus instead of SSH (shared/domain/prometheus.ts). */
  prometheus: PrometheusSettings,
});
export type Settings = z.infer<typeof Settings>;

/**
 * What a fresh console starts with. CPU 4: vCPUs per core a libvirt fleet commonly runs with
 * (OpenStack's default too); memory 1: no overcommit; a 5 s poll; a 10 s sample; 1,000 log lines; every
 * confirmation on.
 */
export const DEFAULT_SETTINGS: Settings = {
  cpuOvercommit: 4,
  memoryOvercommit: 1,
  pollSeconds: 5,
  sampleSeconds: 10,
  eventLogSize: 1000,
  confirm: { moves: true, stop: true, delete: true },
  prometheus: DEFAULT_PROMETHEUS,
};

/** A change to some settings; what is left out keeps its value. */
export const SettingsPatch = Settings.omit({ confirm: true, prometheus: true }).partial().extend({
  confirm: Confirmations.partial().optional(),
  prometheus: PrometheusSettingsPatch.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The settings with `patch` applied (not yet validated: parse the result with `Settings`). */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const { confirm, prometheus, ...rest } = patch;
  // A key given as undefined keeps its value, as a key left out does.
  const given = <T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
      [K in keyof T]?: Exclude<T[K], undefined>;
    };
  return {
    ...settings,
    ...given(rest),
    confirm: { ...settings.confirm, ...given(confirm ?? {}) },
    prometheus: { ...settings.prometheus, ...given(prometheus ?? {}) },
  };
}

/**
 * The overcommit ratios the engine uses for a host: the host's own when it has one, else the
 * fleet's. One function, so the host card, the drag's what-if and the core's check agree.
 */
export function overcommitFor(
  host: { cpuOvercommit?: number | undefined; memoryOvercommit?: number | undefined },
  settings: Pick<Settings, 'cpuOvercommit' | 'memoryOvercommit'>,
): { cpu: number; memory: number; cpuOwn: boolean; memoryOwn: boolean } {
  return {
    cpu: host.cpuOvercommit ?? settings.cpuOvercommit,
    memory: host.memoryOvercommit ?? settings.memoryOvercommit,
    cpuOwn: host.cpuOvercommit !== undefined,
    memoryOwn: host.memoryOvercommit !== undefined,
  };
}
