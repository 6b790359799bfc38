import {
  PrometheusSettings,
  type PrometheusSettingsPatch,
} from '../../../shared/domain/prometheus';

/** The Prometheus part of the settings form, as typed. */
export interface PrometheusValues {
  enabled: boolean;
  url: string;
  intervalSeconds: string;
}
export type PrometheusErrors = Partial<Record<'url' | 'intervalSeconds', string>>;

export function prometheusValuesOf(settings: PrometheusSettings): PrometheusValues {
  return {
    enabled: settings.enabled,
    url: settings.url,
    intervalSeconds: String(settings.intervalSeconds),
  };
}

/** Checked by the shared schema (the core checks again); the patch holds only what changed. */
export function validatePrometheus(
  values: PrometheusValues,
  current: PrometheusSettings,
): { patch: PrometheusSettingsPatch | undefined; errors: PrometheusErrors } {
  const text = values.intervalSeconds.trim();
  const next = {
    ...current,
    enabled: values.enabled,
    url: values.url.trim(),
    intervalSeconds: text === '' ? Number.NaN : Number(text),
  };
  const parsed = PrometheusSettings.safeParse(next);
  if (!parsed.success) {
    const errors: PrometheusErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'url' || field === 'intervalSeconds') && errors[field] === undefined) {
        errors[field] = issue.message;
      }
    }
    return { patch: undefined, errors };
  }
  const patch: PrometheusSettingsPatch = {};
  if (parsed.data.enabled !== current.enabled) patch.enabled = parsed.data.enabled;
  if (parsed.data.url !== current.url) patch.url = parsed.data.url;
  if (parsed.data.intervalSeconds !== current.intervalSeconds) {
    patch.intervalSeconds = parsed.data.intervalSeconds;
  }
  return { patch: Object.keys(patch).length > 0 ? patch : undefined, errors: {} };
}
