import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertRule } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { ALERT_METRIC_WORDS, ALERT_STATE_WORDS } from '../../../shared/words/alert-words';
import { useClient } from '../../api/api-context';
import { useServices } from '../../api/queries';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { Choice } from '../services/editor/Choice';
import { capital } from './alerts-view';
import {
  checkRule,
  durationHint,
  isMetric,
  naturalOp,
  WHAT_CHOICES,
  type RuleErrors,
  type RuleValues,
  type WhatChoice,
} from './rule-form';

function whatLabel(what: WhatChoice): string {
  const [kind, name] = what.split(':') as ['metric' | 'state', string];
  return capital(
    kind === 'metric'
      ? ALERT_METRIC_WORDS[name as keyof typeof ALERT_METRIC_WORDS]
      : ALERT_STATE_WORDS[name as keyof typeof ALERT_STATE_WORDS],
  );
}

/**
 * A new rule or a change to one. Each field says what is wrong with it and what would be right
 * (a clear level on the wrong side of the threshold, a negative duration …); nothing is sent until
 * the whole rule is right, and a refusal from the core keeps everything typed.
 */
export function RuleEditor(props: {
  initial: RuleValues;
  onSaved: (rule: AlertRule) => void;
  onCancel: () => void;
}) {
  const client = useClient();
  const { data: catalog } = useServices();
  const [values, setValues] = useState(props.initial);
  const [errors, setErrors] = useState<RuleErrors>({});
  const save = useMutation({
    mutationFn: (request: Parameters<typeof client.call<'alerts:save-rule'>>[1]) =>
      client.call('alerts:save-rule', request),
    onSuccess: props.onSaved,
  });
  const set = (patch: Partial<RuleValues>) => setValues({ ...values, ...patch });
  const metric = isMetric(values.what);
  const services = catalog?.services ?? [];
  const applications = services.find((b) => b.service.id === values.service)?.applications ?? [];
  const problems = Object.keys(errors).length;
  const submit = () => {
    const checked = checkRule(values);
    setErrors(checked.errors ?? {});
    if (checked.request) save.mutate(checked.request);
  };
  return (
    <form
      className="rule-editor"
      data-testid="rule-editor"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3>{values.id === undefined ? 'New rule' : `Edit ${props.initial.name}`}</h3>
      {problems > 0 && (
        <p className="form-summary-title" role="alert" data-testid="rule-problems">
          {plural(problems, 'problem')} to fix before saving: each is said under its field.
        </p>
      )}
      <div className="form-grid">
        <Field
          label="Name"
          testId="rule-name"
          span={3}
          value={values.name}
          error={errors.name}
          autoFocus
          onChange={(e) => set({ name: e.target.value })}
        />
        <Choice
          label="Severity"
          testId="rule-severity"
          value={values.severity}
          onChange={(e) => set({ severity: e.target.value as RuleValues['severity'] })}
        >
          <option value="warning">Warning</option>
          <option value="critical">Critical</option>
        </Choice>
        <Choice
          label="Watches"
          testId="rule-what"
          span={2}
          value={values.what}
          error={errors.what}
          onChange={(e) => {
            const what = e.target.value as WhatChoice;
            set({ what, op: naturalOp(what) });
          }}
        >
          <optgroup label="A metric, in %">
            {WHAT_CHOICES.filter(isMetric).map((what) => (
              <option key={what} value={what}>
                {whatLabel(what)}
              </option>
            ))}
          </optgroup>
          <optgroup label="A state">
            {WHAT_CHOICES.filter((w) => !isMetric(w)).map((what) => (
              <option key={what} value={what}>
                {whatLabel(what)}
              </option>
            ))}
          </optgroup>
        </Choice>
        <Field
          label="For (duration)"
          testId="rule-duration"
          span={2}
          value={values.duration}
          error={errors.duration}
          hint={durationHint(values.duration)}
          onChange={(e) => set({ duration: e.target.value })}
        />
        {metric && (
          <>
            <Choice
              label="Fires when"
              testId="rule-op"
              value={values.op}
              error={errors.op}
              onChange={(e) => set({ op: e.target.value as RuleValues['op'] })}
            >
              <option value="above">Above the threshold</option>
              <option value="below">Below the threshold</option>
            </Choice>
            <Field
              label="Threshold (%)"
              testId="rule-threshold"
              span={1}
              inputMode="decimal"
              value={values.threshold}
              error={errors.threshold}
              onChange={(e) => set({ threshold: e.target.value })}
            />
            <Field
              label="Clears at (%)"
              testId="rule-clear"
              inputMode="decimal"
              value={values.clear}
              error={errors.clear}
              hint={`Resolves once back ${values.op === 'above' ? 'at or below' : 'at or above'} this; empty: the threshold`}
              onChange={(e) => set({ clear: e.target.value })}
            />
          </>
        )}
        <Choice
          label="Scope"
          testId="rule-scope"
          value={values.scope}
          error={errors.scope}
          onChange={(e) => set({ scope: e.target.value as RuleValues['scope'] })}
        >
          <option value="all">Everything</option>
          <option value="labels">Hosts with labels</option>
          <option value="service">A service</option>
          <option value="application">An application</option>
        </Choice>
        {values.scope === 'labels' && (
          <Field
            label="Labels"
            testId="rule-labels"
            span={3}
            placeholder="zone=a, rack=r1"
            value={values.labels}
            error={errors.labels}
            hint="Hosts carrying every one of these, their VMs and migration paths"
            onChange={(e) => set({ labels: e.target.value })}
          />
        )}
        {(values.scope === 'service' || values.scope === 'application') && (
          <Choice
            label="Service"
            testId="rule-service"
            span={values.scope === 'service' ? 3 : 2}
            value={values.service}
            error={errors.service}
            onChange={(e) => set({ service: e.target.value, application: '' })}
          >
            <option value="">Choose…</option>
            {services.map((b) => (
              <option key={b.service.id} value={b.service.id}>
                {b.service.name}
              </option>
            ))}
          </Choice>
        )}
        {values.scope === 'application' && (
          <Choice
            label="Application"
            testId="rule-application"
            value={values.application}
            error={errors.application}
            onChange={(e) => set({ application: e.target.value })}
          >
            <option value="">Choose…</option>
            {applications.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Choice>
        )}
      </div>
      <label className="rule-enabled">
        <input
          type="checkbox"
          data-testid="rule-enabled"
          checked={values.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        Enabled
      </label>
      {save.error && (
        <ErrorNotice
          title={`Couldn't save rule ${values.name.trim() || '(unnamed)'}`}
          error={AppError.from(save.error)}
        />
      )}
      <div className="button-row rule-editor-buttons">
        <Button type="submit" variant="primary" busy={save.isPending} data-testid="rule-save">
          Save rule
        </Button>
        <Button onClick={props.onCancel} data-testid="rule-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
