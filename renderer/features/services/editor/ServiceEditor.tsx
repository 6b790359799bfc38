import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ServiceBundle, ServiceCatalog } from '../../../../shared/domain/application';
import { AppError } from '../../../../shared/errors';
import { useClient } from '../../../api/api-context';
import { useServices } from '../../../api/queries';
import { queryKeys } from '../../../api/query-keys';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { AppRow } from './AppRow';
import { Choice } from './Choice';
import { FormErrorSummary } from './FormErrorSummary';
import { checkService, emptyApp, type AppValues, type ServiceValues } from './service-form';
import { AUTO_RECOVER_HINT, AUTO_RECOVER_LABEL } from '../../../../shared/words/recovery-words';

const FORM_ID = 'service-editor-form';

/**
 * New service / Edit service: the service, its rules and its applications. Checked as the admin
 * types once a save was tried, with the shared validator's words next to each field.
 */
export function ServiceEditor(props: {
  initial: ServiceValues;
  editing: boolean;
  onClose: () => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const { data: catalog } = useServices();
  const [values, setValues] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const others = (catalog?.services ?? []).filter((b) => b.service.id !== values.id);
  const checked = checkService(values, others);
  const errors = tried ? checked.errors : null;

  const save = useMutation({
    mutationFn: (bundle: ServiceBundle) => client.call('services:save', bundle),
    onSuccess: (saved) => {
      // services:changed brings the catalogue too; this shows it without waiting for the event.
      queryClient.setQueryData<ServiceCatalog>(queryKeys.services(), (old) =>
        old ? { services: upsertBundle(old.services, saved) } : old,
      );
      props.onClose();
    },
  });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    if (checked.bundle) save.mutate(checked.bundle);
  };
  const patchApp = (id: string, patch: Partial<AppValues>) =>
    setValues((v) => ({ ...v, apps: v.apps.map((a) => (a.id === id ? { ...a, ...patch } : a)) }));
  const removeApp = (id: string) =>
    setValues((v) => ({
      ...v,
      apps: v.apps
        .filter((a) => a.id !== id)
        .map((a) => ({
          ...a,
          dependsOn: a.dependsOn.filter((d) => d !== id),
          colocateWith: a.colocateWith === id ? '' : a.colocateWith,
        })),
    }));
  const busy = save.isPending;
  const title = props.editing ? `Edit service ${props.initial.name}` : 'New service';
  return (
    <Dialog
      title={title}
      onClose={props.onClose}
      testId="service-editor"
      width="wide"
      footer={
        <>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            variant="primary"
            type="submit"
            form={FORM_ID}
            busy={busy}
            data-testid="save-service"
          >
            {busy ? 'Saving…' : 'Save service'}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} className="service-form" onSubmit={submit} noValidate>
        {errors && <FormErrorSummary errors={errors} apps={values.apps} formId={FORM_ID} />}
        <div className="form-grid">
          <Field
            label="Service name"
            testId="service-name"
            span={2}
            spellCheck={false}
            data-autofocus
            value={values.name}
            error={errors?.name}
            disabled={busy}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
            hint="Its VMs are named <service>-<application>-<n>"
          />
          <Choice
            label="Placement"
            testId="service-policy"
            span={2}
            value={values.policy}
            disabled={busy}
            onChange={(e) =>
              setValues({ ...values, policy: e.target.value as ServiceValues['policy'] })
            }
          >
            <option value="spread">Spread (most headroom)</option>
            <option value="pack">Pack (fewest hosts)</option>
          </Choice>
          <Choice
            label="Healthy when"
            testId="service-health"
            span={2}
            value={values.healthKind}
            disabled={busy}
            onChange={(e) =>
              setValues({ ...values, healthKind: e.target.value as ServiceValues['healthKind'] })
            }
          >
            <option value="all-up">Every replica is running</option>
            <option value="at-least">At least N per application run</option>
          </Choice>
          {values.healthKind === 'at-least' && (
            <Field
              label="N (running per application)"
              testId="service-health-count"
              span={2}
              inputMode="numeric"
              value={values.healthCount}
              error={errors?.healthCount}
              disabled={busy}
              onChange={(e) => setValues({ ...values, healthCount: e.target.value })}
            />
          )}
          <div className="field span-4">
            <label className="check">
              <input
                type="checkbox"
                data-testid="service-auto-recover"
                checked={values.autoRecover}
                disabled={busy}
                onChange={(e) => setValues({ ...values, autoRecover: e.target.checked })}
              />
              {AUTO_RECOVER_LABEL}
            </label>
            <p className="field-hint">{AUTO_RECOVER_HINT}</p>
          </div>
        </div>
        <h3 className="section-title">Applications</h3>
        {values.apps.map((app, index) => (
          <AppRow
            key={app.id}
            index={index}
            app={app}
            others={values.apps.filter((a) => a.id !== app.id)}
            errors={errors?.apps[app.id] ?? {}}
            onChange={(patch) => patchApp(app.id, patch)}
            onRemove={values.apps.length > 1 ? () => removeApp(app.id) : null}
            disabled={busy}
          />
        ))}
        <div>
          <Button
            size="small"
            onClick={() => setValues({ ...values, apps: [...values.apps, emptyApp()] })}
            disabled={busy}
            data-testid="add-app"
          >
            Add application
          </Button>
        </div>
        {save.error && (
          <ErrorNotice
            title={`Couldn't save service ${values.name.trim()}`}
            error={AppError.from(save.error)}
            testId="service-save-error"
          />
        )}
        {/* Enter in a field submits, as in every form. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

function upsertBundle(list: readonly ServiceBundle[], bundle: ServiceBundle): ServiceBundle[] {
  const at = list.findIndex((b) => b.service.id === bundle.service.id);
  return at === -1 ? [...list, bundle] : list.map((b, i) => (i === at ? bundle : b));
}
