import type { z } from 'zod';
import {
  AlertMetric,
  AlertStateKind,
  SaveAlertRuleRequest,
  type AlertRule,
  type AlertScope,
  type AlertSeverity,
} from '../../../shared/domain/alert';
import { durationSeconds, durationText } from '../../../shared/alerts/duration';
import { durationWords } from '../../../shared/words/alert-words';
import { parseLabels } from '../hosts/add-host-form';

/** One choice of what a rule watches: a metric (`metric:host-cpu`) or a state (`state:…`). */
export type WhatChoice = `metric:${AlertMetric}` | `state:${AlertStateKind}`;

export const WHAT_CHOICES: readonly WhatChoice[] = [
  ...AlertMetric.options.map((m) => `metric:${m}` as const),
  ...AlertStateKind.options.map((s) => `state:${s}` as const),
];

/** The editor's fields as typed: strings, so a half-typed number is kept as the admin left it. */
export interface RuleValues {
  id: string | undefined;
  name: string;
  enabled: boolean;
  severity: AlertSeverity;
  what: WhatChoice;
  op: 'above' | 'below';
  threshold: string;
  clear: string;
  /** "120", "90s", "2m", "1h": seconds unless a unit says otherwise. */
  duration: string;
  scope: AlertScope['kind'];
  labels: string;
  service: string;
  application: string;
  builtIn: boolean;
}

export type RuleField = Exclude<keyof RuleValues, 'id' | 'builtIn' | 'enabled'>;
export type RuleErrors = Partial<Record<RuleField, string>>;

export function isMetric(what: WhatChoice): boolean {
  return what.startsWith('metric:');
}

/** Disk free fires when it falls: its natural direction is below; everything else rises. */
export function naturalOp(what: WhatChoice): 'above' | 'below' {
  return what === 'metric:host-disk-free' ? 'below' : 'above';
}

export function emptyRule(): RuleValues {
  return {
    id: undefined,
    name: '',
    enabled: true,
    severity: 'warning',
    what: 'metric:host-cpu',
    op: 'above',
    threshold: '90',
    clear: '80',
    duration: '2m',
    scope: 'all',
    labels: '',
    service: '',
    application: '',
    builtIn: false,
  };
}

export function valuesFromRule(rule: AlertRule): RuleValues {
  const { condition, scope } = rule;
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    severity: rule.severity,
    what: condition.kind === 'metric' ? `metric:${condition.metric}` : `state:${condition.state}`,
    op: condition.kind === 'metric' ? condition.op : 'above',
    threshold: condition.kind === 'metric' ? String(condition.threshold) : '',
    clear:
      condition.kind === 'metric' && condition.clear !== undefined ? String(condition.clear) : '',
    duration: durationText(condition.forSeconds),
    scope: scope.kind,
    labels:
      scope.kind === 'labels'
        ? Object.entries(scope.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : '',
    service: scope.kind === 'service' || scope.kind === 'application' ? scope.service : '',
    application: scope.kind === 'application' ? scope.application : '',
    builtIn: rule.builtIn === true,
  };
}

const MAX_SECONDS = 7 * 24 * 3600;

function percent(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100
    ? value
    : undefined;
}

/**
 * Checks the editor field by field, each message saying what is wrong and what would be right, and
 * builds the request when nothing is. The core checks again with the same schema.
 */
export function checkRule(
  values: RuleValues,
): { request: SaveAlertRuleRequest; errors: null } | { request: null; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required: it is what notifications and the list call the rule';
  else if (name.length > 200) errors.name = 'Name is longer than 200 characters';

  const forSeconds = durationSeconds(values.duration);
  if (values.duration.trim().startsWith('-'))
    errors.duration = 'Duration must be 0 or more: 0 fires at once';
  else if (forSeconds === undefined)
    errors.duration = 'Duration is whole seconds, or with a unit: 90s, 2m, 1h (0 fires at once)';
  else if (forSeconds > MAX_SECONDS) errors.duration = 'Duration is at most 7 days (168h)';

  const metric = isMetric(values.what);
  const threshold = percent(values.threshold);
  const clear = values.clear.trim() === '' ? undefined : percent(values.clear);
  if (metric) {
    if (threshold === undefined) errors.threshold = 'Threshold is a percentage from 0 to 100';
    if (values.clear.trim() !== '' && clear === undefined)
      errors.clear = 'Clear is a percentage from 0 to 100, or empty to clear at the threshold';
    else if (threshold !== undefined && clear !== undefined) {
      if (values.op === 'above' && clear > threshold)
        errors.clear = `Clear must be at or below the threshold (${threshold} %): the alert resolves once the value falls back to it`;
      if (values.op === 'below' && clear < threshold)
        errors.clear = `Clear must be at or above the threshold (${threshold} %): the alert resolves once the value rises back to it`;
    }
  }

  const scope = scopeOf(values, errors);
  if (Object.keys(errors).length > 0) return { request: null, errors };

  const request = SaveAlertRuleRequest.safeParse({
    ...(values.id === undefined ? {} : { id: values.id }),
    name,
    enabled: values.enabled,
    severity: values.severity,
    condition: metric
      ? {
          kind: 'metric',
          metric: values.what.slice('metric:'.length),
          op: values.op,
          threshold,
          ...(clear === undefined ? {} : { clear }),
          forSeconds,
        }
      : { kind: 'state', state: values.what.slice('state:'.length), forSeconds },
    scope,
    ...(values.builtIn ? { builtIn: true } : {}),
  });
  if (request.success) return { request: request.data, errors: null };
  // The schema found what the checks above did not: said at the field it names, or at the name.
  for (const issue of request.error.issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= issue.message;
  }
  return { request: null, errors };
}

/** The scope as typed; the schema brands its ids when the whole request is parsed. */
function scopeOf(values: RuleValues, errors: RuleErrors): z.input<typeof AlertScope> | undefined {
  switch (values.scope) {
    case 'all':
      return { kind: 'all' };
    case 'labels': {
      const parsed = parseLabels(values.labels);
      if ('error' in parsed) errors.labels = parsed.error;
      else if (Object.keys(parsed.labels).length === 0)
        errors.labels = 'Give at least one label (zone=a): hosts carrying all of them are watched';
      else return { kind: 'labels', labels: parsed.labels };
      return undefined;
    }
    case 'service':
      if (!values.service) errors.service = 'Choose the service the rule watches';
      else return { kind: 'service', service: values.service };
      return undefined;
    case 'application':
      if (!values.service) errors.service = 'Choose the service of the application';
      else if (!values.application) errors.application = 'Choose the application the rule watches';
      else return { kind: 'application', service: values.service, application: values.application };
      return undefined;
  }
}

const CONDITION_FIELDS: Record<string, RuleField> = {
  threshold: 'threshold',
  clear: 'clear',
  forSeconds: 'duration',
  metric: 'what',
  state: 'what',
  op: 'op',
};

function fieldOf(path: readonly PropertyKey[]): RuleField {
  const [head, second] = path;
  if (head === 'condition' && typeof second === 'string') return CONDITION_FIELDS[second] ?? 'what';
  if (head === 'scope') return 'scope';
  if (head === 'severity') return 'severity';
  return 'name';
}

/** The duration as the hint under the field reads it back: "fires after 2 min". */
export function durationHint(text: string): string {
  const seconds = durationSeconds(text);
  if (seconds === undefined) return '90s, 2m, 1h';
  return seconds === 0 ? 'fires at once' : `fires after ${durationWords(seconds)}`;
}
