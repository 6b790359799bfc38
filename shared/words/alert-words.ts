/**
 * Alerts in words: what a rule watches, why an alert fired, the one-line summary a notification,
 * the webhook and the event log carry. The core and the window say alerts with these, alike.
 */
import type {
  Alert,
  AlertCondition,
  AlertMetric,
  AlertReason,
  AlertResolution,
  AlertScope,
  AlertStateKind,
} from '../domain/alert';
import { hostUnusable, VM_STATE_WORDS } from './index';
import type { Namer } from './namer';
import { fmt } from './reasons';
import { namesList } from './witness-words';

export const ALERT_METRIC_WORDS: Readonly<Record<AlertMetric, string>> = {
  'host-cpu': 'host CPU',
  'host-memory': 'host memory used',
  'host-disk-used': 'host root disk used',
  'host-disk-free': 'host root disk free',
  'vm-cpu': 'VM CPU',
  'vm-memory': 'VM memory used',
};

export const ALERT_STATE_WORDS: Readonly<Record<AlertStateKind, string>> = {
  'host-unreachable': 'host unreachable',
  'hypervisor-problem': 'hypervisor problem',
  'service-degraded': 'service degraded',
  'service-down': 'service down',
  'migration-path-broken': 'migration path broken',
  'n-minus-1': 'one host failure would stop an application (N-1)',
};

/** The engine's looks at the fleet, as its log lines say them when one fails and once it works. */
export const ALERT_CHECK_WORDS = {
  tick: "Couldn't check the alert rules on their regular look at the fleet",
  'fleet-change': "Couldn't check the alert rules after the fleet changed",
  again: 'The alert rules are checked again',
} as const;

/** Log lines for stored alert settings that do not read (a rule from a newer console, a typo). */
export const ALERT_STORE_WORDS = {
  ruleAside: (name: string) =>
    `Stored alert rule ${name} is not readable: set aside, the others apply`,
  allAside: 'The stored alert rules are not readable: set aside, the default rules apply',
  webhookOff: 'The stored alert webhook is not readable: it is off until it is saved again',
  historyAside: (aside: string) =>
    `The alert history was damaged and kept aside as ${aside}; starting with none`,
  historyStuck: (file: string) =>
    `The alert history ${file} is damaged and could not be kept aside: alerts work, but their history is not saved until it is moved`,
  historyUnread:
    "Couldn't read the alert history: alerts work, but their history is not saved until the console can read it again",
} as const;

/** A measured percentage, one decimal at most, as the window's value column shows it: "94.3". */
function percentWords(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** "5 min", "90 s", "1 h 30 min"; 0 is "at once". */
export function durationWords(seconds: number): string {
  if (seconds <= 0) return 'at once';
  if (seconds < 60) return `${seconds} s`;
  if (seconds % 60 !== 0) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${h} h` : `${h} h ${minutes % 60} min`;
}

/** "host CPU above 90 % for 5 min (clears at 80 %)", "host unreachable for 1 min". */
export function conditionWords(condition: AlertCondition): string {
  const lasting = condition.forSeconds > 0 ? ` for ${durationWords(condition.forSeconds)}` : '';
  if (condition.kind === 'state') return `${ALERT_STATE_WORDS[condition.state]}${lasting}`;
  const clears =
    condition.clear === undefined || condition.clear === condition.threshold
      ? ''
      : ` (clears at ${fmt(condition.clear)} %)`;
  return `${ALERT_METRIC_WORDS[condition.metric]} ${condition.op} ${fmt(condition.threshold)} %${lasting}${clears}`;
}

/** "everything", "hosts labelled zone=a, ssd=true", "service shop", "application web of shop". */
export function scopeWords(
  scope: AlertScope,
  names: Pick<Namer, 'service' | 'application'>,
): string {
  switch (scope.kind) {
    case 'all':
      return 'everything';
    case 'labels':
      return `hosts labelled ${Object.entries(scope.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`;
    case 'service':
      return `service ${names.service(scope.service)}`;
    case 'application':
      return `application ${names.application(scope.application)} of ${names.service(scope.service)}`;
  }
}

/** Why an alert fired, as one clause: "96 % (above 90 % for 5 min)", "db: 0 of 1 running". */
export function alertReasonWords(reason: AlertReason, names: Namer): string {
  switch (reason.code) {
    case 'metric': {
      const lasting = reason.forSeconds > 0 ? ` for ${durationWords(reason.forSeconds)}` : '';
      return `${ALERT_METRIC_WORDS[reason.metric]} ${percentWords(reason.value)} % (${reason.op} ${fmt(reason.threshold)} %${lasting})`;
    }
    case 'host-unreachable':
      return hostUnusable(names.host(reason.host), reason.state);
    case 'hypervisor-problem':
      return `${names.host(reason.host)}'s hypervisor is not answering`;
    case 'service-degraded':
    case 'service-down': {
      const short = reason.short
        .map((s) => `${names.application(s.application)}: ${s.running} of ${s.needed} running`)
        .join(', ');
      const state = reason.code === 'service-down' ? 'down' : 'degraded';
      return `${names.service(reason.service)} is ${state}${short === '' ? '' : ` (${short})`}`;
    }
    case 'migration-path-broken':
      return `VMs cannot live-migrate from ${names.host(reason.from)} to ${names.host(reason.to)}`;
    case 'migration-paths-broken':
      return brokenPathsWords(reason, names);
    case 'n-minus-1': {
      const replicas = reason.running === 1 ? 'replica' : 'replicas';
      const head = `all ${reason.running} running ${replicas} of ${names.application(reason.application)} (${names.service(reason.service)}) are on ${names.host(reason.host)}: if it fails, the application stops`;
      if (reason.restartable === undefined) return head;
      if (reason.restartable === 0) return `${head}, and no other host could restart them`;
      return reason.restartable >= reason.running
        ? `${head} until they restart on other hosts`
        : `${head}; only ${reason.restartable} could restart elsewhere`;
    }
  }
}

/** The first few hosts of a list by name, and how many more: "hv1, hv2, hv3 and 36 more". */
function someHosts(hosts: readonly string[], count: number, names: Namer): string {
  const shown = hosts.slice(0, 3).map((h) => names.host(h));
  const more = count - shown.length;
  if (more <= 0) return namesList(shown);
  return `${shown.join(', ')} and ${more} more`;
}

/**
 * Broken paths grouped at one host: "39 migration paths with demo-hv0500 at one end are broken: VMs
 * cannot live-migrate to it from demo-hv0401, demo-hv0402, demo-hv0403 and 36 more, nor from it to …".
 */
function brokenPathsWords(
  reason: Extract<AlertReason, { code: 'migration-paths-broken' }>,
  names: Namer,
): string {
  const host = names.host(reason.host);
  const total = reason.into.count + reason.out.count;
  const into =
    reason.into.count === 0
      ? ''
      : `to it from ${someHosts(reason.into.hosts, reason.into.count, names)}`;
  const out =
    reason.out.count === 0
      ? ''
      : `from it to ${someHosts(reason.out.hosts, reason.out.count, names)}`;
  const sides = into !== '' && out !== '' ? `${into}, nor ${out}` : `${into}${out}`;
  return `${total} migration paths with ${host} at one end are broken: VMs cannot live-migrate ${sides}`;
}

/** Why an alert resolved without clearing: "the VM is shut off", "no samples for 2 min". */
export function alertResolutionWords(resolution: AlertResolution, resolvedAt: number): string {
  switch (resolution.code) {
    case 'vm-inactive':
      return `the VM is ${VM_STATE_WORDS[resolution.state].phrase}`;
    case 'no-samples':
      return `no samples for ${durationWords(Math.max(1, Math.round((resolvedAt - resolution.lastAt) / 60_000)) * 60)}`;
  }
}

/**
 * The one line a notification, the webhook and the log carry:
 * "critical · Host CPU high · hv1: host CPU 96 % (above 90 % for 5 min)", or "resolved · …"
 * (with why, when its object stopped reporting: "…; the VM is shut off").
 */
export function alertSummaryWords(alert: Alert, names: Namer): string {
  const head = alert.status === 'resolved' ? 'resolved' : alert.severity;
  const line = `${head} · ${alert.ruleName} · ${alert.object.name}: ${alertReasonWords(alert.why, names)}`;
  return alert.resolution === undefined
    ? line
    : `${line}; ${alertResolutionWords(alert.resolution, alert.resolvedAt ?? alert.firedAt)}`;
}

/** A desktop notification for an alert that fired, the same in Electron and in the browser. */
export function alertNoticeWords(alert: Alert, names: Namer): { title: string; body: string } {
  const severity = alert.severity === 'critical' ? 'Critical' : 'Warning';
  return {
    title: `${severity}: ${alert.ruleName}`,
    body: `${alert.object.name}: ${alertReasonWords(alert.why, names)}`,
  };
}
