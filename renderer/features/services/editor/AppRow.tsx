import { useId } from 'react';
import type { ApplicationId } from '../../../../shared/domain/ids';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { Choice } from './Choice';
import type { AppField, AppValues } from './service-form';

/** One application of the service editor: its characteristics, rules, template and dependencies. */
export function AppRow(props: {
  index: number;
  app: AppValues;
  others: AppValues[];
  errors: Partial<Record<AppField, string>>;
  onChange: (patch: Partial<AppValues>) => void;
  onRemove: (() => void) | null;
  disabled: boolean;
}) {
  const { app, others, errors, onChange, disabled } = props;
  const xmlId = useId();
  const shown = app.name.trim() || `application ${props.index + 1}`;
  const text = (
    field: 'name' | 'vcpus' | 'memoryMiB' | 'diskGiB' | 'replicas' | 'labels' | 'priority',
  ) => ({
    value: app[field],
    error: errors[field],
    disabled,
    onChange: (event: { target: { value: string } }) => onChange({ [field]: event.target.value }),
  });
  const toggleNeed = (id: ApplicationId, on: boolean) =>
    onChange({ dependsOn: on ? [...app.dependsOn, id] : app.dependsOn.filter((d) => d !== id) });
  return (
    <fieldset
      className="app-row"
      data-testid="app-row"
      data-app-name={app.name}
      data-app-id={app.id}
    >
      <legend>
        Application {props.index + 1}
        {app.name.trim() ? `: ${app.name.trim()}` : ''}
      </legend>
      <div className="form-grid app-grid">
        <Field label="Name" testId="app-name" span={2} spellCheck={false} {...text('name')} />
        <Field
          label="Replicas"
          testId="app-replicas"
          inputMode="numeric"
          span={1}
          {...text('replicas')}
        />
        <Field
          label="Priority (0–100)"
          testId="app-priority"
          inputMode="numeric"
          span={1}
          {...text('priority')}
        />
        <Field label="vCPUs" testId="app-vcpus" inputMode="numeric" span={1} {...text('vcpus')} />
        <Field
          label="Memory (MiB)"
          testId="app-memory"
          inputMode="numeric"
          span={1}
          {...text('memoryMiB')}
        />
        <Field
          label="Disk (GiB)"
          testId="app-disk"
          inputMode="decimal"
          span={1}
          placeholder="none"
          {...text('diskGiB')}
        />
        <Choice
          label="Template"
          testId="app-template"
          value={app.templateKind}
          disabled={disabled}
          onChange={(e) => onChange({ templateKind: e.target.value as AppValues['templateKind'] })}
        >
          <option value="test-guest">Lab test guest</option>
          <option value="xml">Domain XML</option>
        </Choice>
        <Field
          label="Required host labels"
          testId="app-labels"
          span={4}
          placeholder="zone=a, ssd=true"
          spellCheck={false}
          {...text('labels')}
        />
        <Choice
          label="Spread replicas across"
          testId="app-spread"
          span={2}
          value={app.spreadAcross}
          error={errors.spreadAcross}
          disabled={disabled}
          onChange={(e) => onChange({ spreadAcross: e.target.value as AppValues['spreadAcross'] })}
        >
          <option value="">No spread rule</option>
          <option value="host">Hosts</option>
          <option value="zone">Zones</option>
        </Choice>
        <Choice
          label="Spread rule"
          testId="app-spread-strength"
          span={2}
          value={app.spreadStrength}
          disabled={disabled || app.spreadAcross === ''}
          onChange={(e) => onChange({ spreadStrength: e.target.value as 'hard' | 'soft' })}
        >
          <option value="hard">Hard (must)</option>
          <option value="soft">Soft (prefer)</option>
        </Choice>
        <Choice
          label="Co-locate with"
          testId="app-colocate"
          span={2}
          value={app.colocateWith}
          error={errors.colocateWith}
          disabled={disabled}
          onChange={(e) => onChange({ colocateWith: e.target.value })}
        >
          <option value="">Nothing</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name.trim() || '(unnamed)'}
            </option>
          ))}
        </Choice>
        <Choice
          label="Co-location rule"
          testId="app-colocate-strength"
          span={2}
          value={app.colocateStrength}
          disabled={disabled || app.colocateWith === ''}
          onChange={(e) => onChange({ colocateStrength: e.target.value as 'hard' | 'soft' })}
        >
          <option value="hard">Hard (must)</option>
          <option value="soft">Soft (prefer)</option>
        </Choice>
        {app.templateKind === 'xml' && (
          <div className={`field span-4${errors.xml ? ' field-invalid' : ''}`}>
            <label htmlFor={xmlId}>Domain XML template</label>
            <textarea
              id={xmlId}
              className="xml-input"
              data-testid="app-xml"
              rows={6}
              spellCheck={false}
              value={app.xml}
              disabled={disabled}
              placeholder="<domain type='kvm'><name>{{name}}</name><uuid>{{uuid}}</uuid>…"
              onChange={(e) => onChange({ xml: e.target.value })}
            />
            {errors.xml && (
              <p className="field-error" data-testid="app-xml-error">
                {errors.xml}
              </p>
            )}
            <p className="field-hint">
              {'{{name}}'} and {'{{uuid}}'} are required; {'{{memoryMiB}}'} and {'{{vcpus}}'} are
              filled in too.
            </p>
          </div>
        )}
        <div className={`field span-4${errors.dependsOn ? ' field-invalid' : ''}`}>
          <span className="field-label">Starts after</span>
          {others.length === 0 ? (
            <p className="field-hint">No other application to wait for.</p>
          ) : (
            <div className="depends-list" data-testid="app-depends">
              {others.map((o) => (
                <label key={o.id} className="check">
                  <input
                    type="checkbox"
                    data-testid="app-depends-on"
                    data-app-name={o.name}
                    checked={app.dependsOn.includes(o.id)}
                    disabled={disabled}
                    onChange={(e) => toggleNeed(o.id, e.target.checked)}
                  />
                  {o.name.trim() || '(unnamed)'} is running
                </label>
              ))}
            </div>
          )}
          {errors.dependsOn && (
            <p className="field-error" data-testid="app-depends-error">
              {errors.dependsOn}
            </p>
          )}
        </div>
      </div>
      {props.onRemove && (
        <Button
          size="small"
          variant="ghost"
          onClick={props.onRemove}
          disabled={disabled}
          data-testid="remove-app"
        >
          Remove {shown}
        </Button>
      )}
    </fieldset>
  );
}
