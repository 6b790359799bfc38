import { z } from 'zod';
import { HostId } from './ids';
import { boundedRecord, LIMITS } from './limits';

/**
 * Reading utilisation from an existing Prometheus instead of sampling each host over SSH
 * (node_exporter for the host, prometheus-libvirt-exporter for its VMs). A host Prometheus does
 * not know keeps the SSH sample.
 */

export const PROMETHEUS_INTERVAL = { min: 5, max: 300 } as const;

/** http(s) only, no credentials in it (fetch refuses them, and the settings are not a vault). */
export function prometheusUrlProblem(url: string): string | undefined {
  // shared/ has no URL class (no DOM, no Node): the scheme and the authority by hand.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^\s]*)$/i.exec(url);
  if (!match) return 'Must be a URL such as http://prometheus.example:9090';
  const [, scheme = '', authority = ''] = match;
  if (!/^https?$/i.test(scheme)) return 'Must start with http:// or https://';
  if (authority.includes('@')) return 'Must not carry a user name or password';
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(authority)) {
    return 'Must name a host, such as http://prometheus.example:9090';
  }
  return undefined;
}

const PrometheusUrl = z
  .string()
  .max(2048)
  .refine((url) => url === '' || prometheusUrlProblem(url) === undefined, {
    error: (issue) => prometheusUrlProblem(String(issue.input)) ?? 'Not a valid URL',
  });

const PrometheusFields = z.object({
  /** On: hosts Prometheus knows are read from it; the others are still sampled over SSH. */
  enabled: z.boolean(),
  /** The server's base URL (the API is under /api/v1). Empty: not configured. */
  url: PrometheusUrl,
  /** How often the console asks Prometheus; match the scrape interval (a round in between reads the same scrape). */
  intervalSeconds: z
    .number({ error: 'Must be a whole number from 5 to 300' })
    .int({ error: 'Must be a whole number from 5 to 300' })
    .min(PROMETHEUS_INTERVAL.min, { error: 'Must be a whole number from 5 to 300' })
    .max(PROMETHEUS_INTERVAL.max, { error: 'Must be a whole number from 5 to 300' }),
  /**
   * Per host, the address Prometheus's `instance` label gives it, when it is not the host's own
   * address (a host added by name, scraped by IP). With a port it must match exactly; without, any port.
   */
  instances: boundedRecord(HostId, z.string().min(1).max(255), LIMITS.hosts, 'host overrides'),
});

export const PrometheusSettings = PrometheusFields.refine((s) => !s.enabled || s.url !== '', {
  error: 'Give the Prometheus URL before switching it on',
  path: ['url'],
});
export type PrometheusSettings = z.infer<typeof PrometheusSettings>;
export const PrometheusSettingsPatch = PrometheusFields.partial();
export type PrometheusSettingsPatch = z.infer<typeof PrometheusSettingsPatch>;

/** Off until an admin points it at a server; 15 s is Prometheus's default scrape interval. */
export const DEFAULT_PROMETHEUS: PrometheusSettings = {
  enabled: false,
  url: '',
  intervalSeconds: 15,
  instances: {},
};

/** The host part of an `instance` label: `10.0.0.5:9100` → `10.0.0.5`, `[::1]:9100` → `::1`. */
export function instanceAddress(instance: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(instance);
  if (bracketed) return (bracketed[1] as string).toLowerCase();
  const colons = instance.split(':').length - 1;
  // One colon: host:port. More: a bare IPv6 address, no port.
  const host = colons === 1 ? instance.slice(0, instance.lastIndexOf(':')) : instance;
  return host.toLowerCase();
}

/**
 * How a host is looked up among Prometheus's targets: by the override when there is one (an
 * exact `instance` when it carries a port, any port at that address when not), else by the host's
 * own address, any port.
 */
export function instanceKeyOf(
  host: { id: HostId; address: string },
  instances: Readonly<Record<string, string>>,
): { instance: string } | { address: string } {
  const override = instances[host.id];
  if (override === undefined) return { address: instanceAddress(host.address) };
  const hasPort =
    /:\d+$/.test(override) && (override.startsWith('[') || override.split(':').length === 2);
  return hasPort ? { instance: override.toLowerCase() } : { address: instanceAddress(override) };
}

/** Where a host is looked for among the targets: an exact `instance`, or an address at any port. */
const PrometheusTarget = z.union([
  z.object({ instance: z.string().max(1024) }),
  z.object({ address: z.string().max(1024) }),
]);

/**
 * Why a host is sampled over SSH though Prometheus is on, as data (shared/words/prometheus-words
 * says it): no exporter at the host's target, node_exporter without a figure the sample needs
 * (`missing`), or Prometheus not answering at all.
 */
export const PrometheusMiss = z.discriminatedUnion('code', [
  z.object({ code: z.literal('no-node-exporter'), at: PrometheusTarget }),
  z.object({ code: z.literal('no-libvirt-exporter'), at: PrometheusTarget }),
  z.object({
    code: z.literal('node-incomplete'),
    instance: z.string().max(1024),
    missing: z.enum(['boot-time', 'memory', 'cpu']),
  }),
  z.object({ code: z.literal('down') }),
]);
export type PrometheusMiss = z.infer<typeof PrometheusMiss>;
const OverSsh = z.object({ hostId: z.string(), reason: PrometheusMiss });

/** Where each host's figures come from now, for the settings dialog and the host details. */
export const MetricsSourceStatus = z.object({
  source: z.enum(['ssh', 'prometheus']),
  url: z.string().optional(),
  /** ok: the last round answered; down: it did not (every host fell back to SSH). */
  state: z.enum(['off', 'ok', 'down']),
  problem: z.string().optional(),
  lastRoundAt: z.number().optional(),
  lastRoundMs: z.number().optional(),
  /** Hosts read from Prometheus in the last round. */
  fromPrometheus: z.array(z.string()).max(LIMITS.hosts),
  /** Hosts sampled over SSH though Prometheus is on, each with why. */
  overSsh: z.array(OverSsh).max(LIMITS.hosts),
});
export type MetricsSourceStatus = z.infer<typeof MetricsSourceStatus>;

/** What "Test" in the settings found at a URL: how many hosts it would read, and which not. */
export const PrometheusTestResult = z.object({
  ok: z.boolean(),
  problem: z.string().optional(),
  ms: z.number(),
  /** Targets (instances) with node_exporter and with the libvirt exporter Prometheus has now. */
  nodeTargets: z.number().int(),
  libvirtTargets: z.number().int(),
  matched: z.array(z.string()).max(LIMITS.hosts),
  unmatched: z.array(OverSsh).max(LIMITS.hosts),
});
export type PrometheusTestResult = z.infer<typeof PrometheusTestResult>;
