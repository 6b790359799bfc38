import {
  Settings,
  type SETTING_LIMITS,
  type Confirmations,
  type SettingsPatch,
} from '../../../shared/domain/settings';

/** The number fields of the settings form, as typed (strings until they are checked). */
export type NumberField = keyof typeof SETTING_LIMITS;
export type SettingsValues = Record<NumberField, string> & { confirm: Confirmations };
export type SettingsErrors = Partial<Record<NumberField, string>>;

export const NUMBER_FIELDS: readonly {
  field: NumberField;
  label: string;
  unit: string;
  step: number;
}[] = [
  { field: 'cpuOvercommit', label: 'CPU overcommit', unit: 'vCPUs per core', step: 0.5 },
  { field: 'memoryOvercommit', label: 'Memory overcommit', unit: '× memory', step: 0.1 },
  { field: 'pollSeconds', label: 'Poll interval', unit: 'seconds', step: 1 },
  { field: 'sampleSeconds', label: 'Sample interval', unit: 'seconds', step: 1 },
  { field: 'eventLogSize', label: 'Event log size', unit: 'lines', step: 100 },
];

export function valuesOf(settings: Settings): SettingsValues {
  return {
    cpuOvercommit: String(settings.cpuOvercommit),
    memoryOvercommit: String(settings.memoryOvercommit),
    pollSeconds: String(settings.pollSeconds),
    sampleSeconds: String(settings.sampleSeconds),
    eventLogSize: String(settings.eventLogSize),
    confirm: { ...settings.confirm },
  };
}

/**
 * Each field checked by the shared schema (the core checks again with the same one), with its
 * message in words next to it; the patch holds only what changed.
 */
export function validateSettings(
  values: SettingsValues,
  current: Settings,
): { patch: SettingsPatch; errors: null } | { patch: null; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const { field } of NUMBER_FIELDS) {
    const text = values[field].trim();
    const number = text === '' ? Number.NaN : Number(text);
    const parsed = Settings.shape[field].safeParse(number);
    if (parsed.success) numbers[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? 'Not valid';
  }
  if (Object.keys(errors).length > 0) return { patch: null, errors };
  const patch: SettingsPatch = {};
  for (const { field } of NUMBER_FIELDS) {
    const value = numbers[field];
    if (value !== undefined && value !== current[field]) patch[field] = value;
  }
  const confirm = (Object.keys(values.confirm) as (keyof Confirmations)[]).filter(
    (key) => values.confirm[key] !== current.confirm[key],
  );
  if (confirm.length > 0) {
    patch.confirm = Object.fromEntries(confirm.map((key) => [key, values.confirm[key]]));
  }
  return { patch, errors: null };
}
