/**
 * Alerts: rules that watch a metric or a state over the fleet, and the alerts they open. A rule
 * watches one kind of object (a host, a VM, a service, an application, a migration path); each
 * object it matches has at most one open alert per rule, which fires, may be acknowledged with a
 * note, and resolves. Why an alert fired is data (`AlertReason`); shared/words says it.
 */
import { z } from 'zod';
import { HostState, Labels } from './host';
import { ApplicationId, ServiceId } from './ids';
import { boundedRecord, LIMITS } from './limits';
import { VmState } from './vm';

export const AlertSeverity = z.enum(['warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/**
 * What a metric rule watches, all in % so one threshold scale fits every rule: a host's CPU (of all
 * its cores), memory used (of its total), root disk used or free (of /); a VM's CPU (of its own
 * vCPUs) and memory (of its defined size).
 */
export const AlertMetric = z.enum([
  'host-cpu',
  'host-memory',
  'host-disk-used',
  'host-disk-free',
  'vm-cpu',
  'vm-memory',
]);
export type AlertMetric = z.infer<typeof AlertMetric>;

/** The object kind each metric is measured on. */
export function metricObjectKind(metric: AlertMetric): 'host' | 'vm' {
  return metric.startsWith('vm-') ? 'vm' : 'host';
}

/**
 * The states a rule can watch. `n-minus-1`: one host's failure would stop every running replica of
 * an application (all its running VMs are on that host), so the service would lose it.
 */
export const AlertStateKind = z.enum([
  'host-unreachable',
  'hypervisor-problem',
  'service-degraded',
  'service-down',
  'migration-path-broken',
  'n-minus-1',
]);
export type AlertStateKind = z.infer<typeof AlertStateKind>;

/** Seconds a condition must hold before the alert fires ("for 2 min"); 0 fires at once. */
const ForSeconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);
const Percent = z.number().finite().min(0).max(100);

/**
 * A metric crossing a threshold, with hysteresis. `above`: fires once the value stays above
 * `threshold` for `forSeconds`, resolves only once it is at or below `clear` (≤ threshold).
 * `below` (e.g. disk free): the mirror image, `clear` ≥ threshold. Without `clear`, the threshold.
 */
export const MetricCondition = z
  .object({
    kind: z.literal('metric'),
    metric: AlertMetric,
    op: z.enum(['above', 'below']).default('above'),
    threshold: Percent,
    clear: Percent.optional(),
    forSeconds: ForSeconds.default(0),
  })
  .superRefine((c, ctx) => {
    if (c.clear === undefined) return;
    if (c.op === 'above' && c.clear > c.threshold)
      ctx.addIssue({
        code: 'custom',
        path: ['clear'],
        message: `must not be above the threshold (${c.threshold}): the alert would never clear`,
      });
    if (c.op === 'below' && c.clear < c.threshold)
      ctx.addIssue({
        code: 'custom',
        path: ['clear'],
        message: `must not be below the threshold (${c.threshold}): the alert would never clear`,
      });
  });
export type MetricCondition = z.infer<typeof MetricCondition>;

/** A state holding for `forSeconds` (a host unreachable for a minute, not a blip). */
export const StateCondition = z.object({
  kind: z.literal('state'),
  state: AlertStateKind,
  forSeconds: ForSeconds.default(0),
});
export type StateCondition = z.infer<typeof StateCondition>;

export const AlertCondition = z.discriminatedUnion('kind', [MetricCondition, StateCondition]);
export type AlertCondition = z.infer<typeof AlertCondition>;

/**
 * Which objects a rule watches. `labels`: hosts carrying every listed label (and their VMs, their
 * migration paths from them); `service` / `application`: that service's (application's) VMs, the
 * hosts they run on and the service itself.
 */
export const AlertScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('labels'),
    labels: boundedRecord(Labels.keyType, Labels.valueType, LIMITS.labels, 'labels'),
  }),
  z.object({ kind: z.literal('service'), service: ServiceId }),
  z.object({ kind: z.literal('application'), service: ServiceId, application: ApplicationId }),
]);
export type AlertScope = z.infer<typeof AlertScope>;

export const AlertRuleId = z.string().min(1).max(200);
export type AlertRuleId = z.infer<typeof AlertRuleId>;

/** Rules a console may hold: far above what an admin writes, bounded for the inventory. */
export const MAX_ALERT_RULES = 500;

export const AlertRule = z.object({
  id: AlertRuleId,
  name: z.string().trim().min(1, 'Name is required').max(200),
  enabled: z.boolean().default(true),
  severity: AlertSeverity,
  condition: AlertCondition,
  scope: AlertScope.default({ kind: 'all' }),
  /** One of the rules the console ships: the admin may turn it off or edit it. */
  builtIn: z.boolean().optional(),
});
export type AlertRule = z.infer<typeof AlertRule>;

/** A rule as the window saves it: no id means a new rule. */
export const SaveAlertRuleRequest = AlertRule.extend({ id: AlertRuleId.optional() });
export type SaveAlertRuleRequest = z.input<typeof SaveAlertRuleRequest>;

/**
 * The kinds of object an alert is about. A migration path's id is `<from host id>→<to host id>`;
 * the broken paths grouped at one host (`migration-paths-broken`) are `<host id>→*`.
 */
export const AlertObjectKind = z.enum(['host', 'vm', 'service', 'application', 'path']);
export type AlertObjectKind = z.infer<typeof AlertObjectKind>;

export const AlertObject = z.object({
  kind: AlertObjectKind,
  id: z.string().min(1).max(500),
  /** Its name when the alert fired: a removed VM's alert still names it. */
  name: z.string().max(500),
  /** The host the object was on (a VM's, a host's own), for the log and the heat map. */
  hostId: z.string().max(200).optional(),
});
export type AlertObject = z.infer<typeof AlertObject>;

const id = z.string();
/** Hosts an alert on grouped broken paths names at each end (the count says how many in all). */
export const MAX_NAMED_PATH_ENDS = 50;
const amount = z.number();

/** Why an alert fired, as data; shared/words/alert-words says it. Ids as in reason.ts. */
export const AlertReason = z.discriminatedUnion('code', [
  /** The metric stayed beyond the threshold for `forSeconds`; `value` is the latest sample. */
  z.object({
    code: z.literal('metric'),
    metric: AlertMetric,
    op: z.enum(['above', 'below']),
    value: amount,
    threshold: amount,
    forSeconds: amount,
  }),
  /** The host is not reachable (or not connected for another trouble state: auth, host key). */
  z.object({ code: z.literal('host-unreachable'), host: id, state: HostState }),
  z.object({ code: z.literal('hypervisor-problem'), host: id }),
  /** Applications of the service with fewer replicas running than its health rule asks. */
  z.object({
    code: z.enum(['service-degraded', 'service-down']),
    service: id,
    short: z
      .array(z.object({ application: id, running: amount, needed: amount }))
      .max(LIMITS.applicationsPerService),
  }),
  z.object({ code: z.literal('migration-path-broken'), from: id, to: id }),
  /**
   * Several broken migration paths with `host` at one end (a group check finds one host that no
   * other reaches, or that reaches none): one alert for them all. `into`: hosts whose path to it is
   * broken, `out`: hosts it cannot reach; each names at most `MAX_NAMED_PATH_ENDS` with its count.
   */
  z.object({
    code: z.literal('migration-paths-broken'),
    host: id,
    into: z.object({ count: amount, hosts: z.array(id).max(MAX_NAMED_PATH_ENDS) }),
    out: z.object({ count: amount, hosts: z.array(id).max(MAX_NAMED_PATH_ENDS) }),
  }),
  /**
   * Every running replica of `application` (`running` of them) is on `host`; `restartable`: how
   * many of them the placement engine could restart on the other hosts if `host` failed.
   */
  z.object({
    code: z.literal('n-minus-1'),
    service: id,
    application: id,
    host: id,
    running: amount,
    restartable: amount.optional(),
  }),
]);
export type AlertReason = z.infer<typeof AlertReason>;

/**
 * Why an alert resolved when not because its condition cleared (absent: it cleared, or its rule or
 * object went). A metric alert on an object that no longer reports resolves, as in vSphere and
 * Prometheus: `vm-inactive`, the VM is not running (samples leave it out); `no-samples`, nothing
 * was read of the object since `lastAt` (its host unreachable, the metric no longer measured).
 */
export const AlertResolution = z.discriminatedUnion('code', [
  z.object({ code: z.literal('vm-inactive'), state: VmState }),
  z.object({ code: z.literal('no-samples'), lastAt: z.number() }),
]);
export type AlertResolution = z.infer<typeof AlertResolution>;

export const AlertStatus = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertAcknowledgement = z.object({
  at: z.number(),
  note: z.string().max(2000),
});
export type AlertAcknowledgement = z.infer<typeof AlertAcknowledgement>;

export const Alert = z.object({
  id: z.string().min(1).max(200),
  ruleId: AlertRuleId,
  /** The rule's name when the alert fired (a deleted rule's alerts still say what they were). */
  ruleName: z.string().max(200),
  severity: AlertSeverity,
  object: AlertObject,
  status: AlertStatus,
  firedAt: z.number(),
  resolvedAt: z.number().optional(),
  /** Metric rules: the latest value (updated while firing) and the threshold, in %. */
  value: amount.optional(),
  threshold: amount.optional(),
  why: AlertReason,
  resolution: AlertResolution.optional(),
  acknowledged: AlertAcknowledgement.optional(),
});
export type Alert = z.infer<typeof Alert>;

/** Resolved alerts kept (oldest dropped first); open alerts are never dropped. */
export const MAX_ALERT_HISTORY = 2000;

export const ListAlertsRequest = z.object({
  /** Resolved alerts to return, newest first (open ones always all come). */
  historyLimit: z.number().int().min(0).max(MAX_ALERT_HISTORY).default(200),
});
export const AlertList = z.object({
  open: z.array(Alert).max(100_000),
  history: z.array(Alert).max(MAX_ALERT_HISTORY),
});
export type AlertList = z.infer<typeof AlertList>;

export const AcknowledgeAlertRequest = z.object({
  alertId: z.string().min(1).max(200),
  note: z.string().trim().max(2000).default(''),
});

/** Rules as YAML (see shared/alerts/rules-yaml.ts for the format). */
export const AlertRulesYaml = z.object({ yaml: z.string().max(1_000_000) });

/**
 * What importing a YAML file would do, before it does it: each rule it holds, and whether it adds a
 * rule or replaces the one of the same name. A file with any error gets no preview: the request
 * fails naming the line and the field, and nothing changes.
 */
export const AlertImportPreview = z.object({
  rules: z
    .array(
      z.object({
        rule: AlertRule,
        action: z.enum(['add', 'replace']),
        /** `replace`: the id of the rule it replaces (its id is kept). */
        replaces: AlertRuleId.optional(),
      }),
    )
    .max(MAX_ALERT_RULES),
});
export type AlertImportPreview = z.infer<typeof AlertImportPreview>;

/** Where fired and resolved alerts are POSTed as JSON. The URL may carry a token: never logged. */
export const WebhookSettings = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine(
      (u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u),
      'must be an http:// or https:// URL',
    ),
  enabled: z.boolean(),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;

/** How delivery goes: the window shows it next to the URL, so a failing receiver is seen. */
export const WebhookStatus = z.object({
  /** Deliveries waiting (to be sent or retried). */
  queued: z.number().int().min(0),
  /** Deliveries given up (retries exhausted, or the queue full). */
  dropped: z.number().int().min(0),
  lastAttemptAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  /** The last failure: the HTTP status or the network error, and when. Cleared by a success. */
  lastError: z.object({ at: z.number(), message: z.string().max(2000) }).optional(),
});
export type WebhookStatus = z.infer<typeof WebhookStatus>;

export const WebhookState = z.object({ settings: WebhookSettings, status: WebhookStatus });
export type WebhookState = z.infer<typeof WebhookState>;

/** The JSON body the webhook receives, once per firing and once per resolving. */
export const WebhookPayload = z.object({
  kind: z.literal('federator.alert'),
  event: z.enum(['fired', 'resolved', 'test']),
  /** One sentence: "critical: host CPU above 90 % on hv1 (96 %) for 5 min". */
  summary: z.string(),
  alert: Alert.optional(),
  sentAt: z.number(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;
