import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { SETTING_LIMITS, type Confirmations, type Settings } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useSettings } from '../../api/queries';
import { setThemeChoice, useThemeChoice, type ThemeChoice } from '../../app/theme';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import {
  NUMBER_FIELDS,
  validateSettings,
  valuesOf,
  type SettingsErrors,
  type SettingsValues,
} from './settings-form';
import { PrometheusFields } from './PrometheusFields';
import {
  prometheusValuesOf,
  validatePrometheus,
  type PrometheusErrors,
  type PrometheusValues,
} from './prometheus-form';
import './settings.css';

const CONFIRMS: { key: keyof Confirmations; label: string }[] = [
  { key: 'moves', label: 'Review the plan of a drag or Move to… before it runs' },
  { key: 'stop', label: 'Ask before forcing a VM off' },
  { key: 'delete', label: 'Ask before removing a host or deleting a service' },
];

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The console's settings (stored by the core, for every window) and this window's theme. */
export function SettingsDialog(props: { onClose: () => void }) {
  const { data: settings, error } = useSettings();
  return (
    <Dialog title="Settings" onClose={props.onClose} testId="settings-dialog" width="wide">
      {settings ? (
        <SettingsForm settings={settings} onClose={props.onClose} />
      ) : error ? (
        <ErrorNotice title="Couldn't read the settings" error={AppError.from(error)} />
      ) : (
        <p className="muted">Reading the settings…</p>
      )}
    </Dialog>
  );
}

function SettingsForm(props: { settings: Settings; onClose: () => void }) {
  const client = useClient();
  const [values, setValues] = useState<SettingsValues>(() => valuesOf(props.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [prometheus, setPrometheus] = useState<PrometheusValues>(() =>
    prometheusValuesOf(props.settings.prometheus),
  );
  const [prometheusErrors, setPrometheusErrors] = useState<PrometheusErrors>({});
  const theme = useThemeChoice();
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof client.call<'settings:update'>>[1]) =>
      client.call('settings:update', patch),
    onSuccess: props.onClose,
  });
  const submit = () => {
    const checked = validateSettings(values, props.settings);
    const source = validatePrometheus(prometheus, props.settings.prometheus);
    setErrors(checked.errors ?? {});
    setPrometheusErrors(source.errors);
    if (checked.patch && Object.keys(source.errors).length === 0) {
      save.mutate(source.patch ? { ...checked.patch, prometheus: source.patch } : checked.patch);
    }
  };
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="form-grid">
        <legend>Placement and hosts</legend>
        {NUMBER_FIELDS.map(({ field, label, unit, step }, i) => (
          <Field
            key={field}
            label={`${label} (${unit})`}
            testId={`setting-${field}`}
            type="number"
            inputMode="decimal"
            step={step}
            min={SETTING_LIMITS[field].min}
            max={SETTING_LIMITS[field].max}
            value={values[field]}
            error={errors[field]}
            hint={`${SETTING_LIMITS[field].min}–${SETTING_LIMITS[field].max}. ${SETTING_LIMITS[field].why}`}
            disabled={save.isPending}
            {...(i === 0 ? { 'data-autofocus': true } : {})}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
        ))}
      </fieldset>
      <p className="muted small">
        A host’s own ratios (in its settings) win over these. Changes apply at once: host cards,
        drags and plans use the new ratios; hosts are polled at the new interval from their next
        poll.
      </p>
      <fieldset className="settings-checks">
        <legend>Ask before</legend>
        {CONFIRMS.map(({ key, label }) => (
          <label key={key}>
            <input
              type="checkbox"
              data-testid={`setting-confirm-${key}`}
              checked={values.confirm[key]}
              disabled={save.isPending}
              onChange={(event) =>
                setValues({
                  ...values,
                  confirm: { ...values.confirm, [key]: event.target.checked },
                })
              }
            />
            {label}
          </label>
        ))}
      </fieldset>
      <PrometheusFields
        values={prometheus}
        errors={prometheusErrors}
        disabled={save.isPending}
        onChange={setPrometheus}
      />
      <fieldset className="settings-checks" data-testid="theme-choice">
        <legend>Theme (this window; applies at once)</legend>
        {THEMES.map(({ value, label }) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              value={value}
              data-testid={`theme-${value}`}
              checked={theme === value}
              onChange={() => setThemeChoice(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {save.error && (
        <ErrorNotice title="Couldn't change the settings" error={AppError.from(save.error)} />
      )}
      <footer className="settings-footer">
        <Button onClick={props.onClose}>Close</Button>
        <Button type="submit" variant="primary" busy={save.isPending} data-testid="settings-save">
          Save settings
        </Button>
      </footer>
    </form>
  );
}
