import { useMutation, useQuery } from '@tanstack/react-query';
import type { PrometheusTestResult } from '../../../shared/domain/prometheus';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { prometheusMissWords } from '../../../shared/words/prometheus-words';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import type { PrometheusErrors, PrometheusValues } from './prometheus-form';

/**
 * Where utilisation comes from: SSH (each host samples itself) or an existing Prometheus. "Test"
 * asks the URL as typed, before it is saved, and says which hosts it would serve.
 */
export function PrometheusFields(props: {
  values: PrometheusValues;
  errors: PrometheusErrors;
  disabled: boolean;
  onChange: (values: PrometheusValues) => void;
}) {
  const { values, errors, disabled, onChange } = props;
  const client = useClient();
  const names = useFleet(
    (fleet) => new Map(fleet.hosts.map((h) => [h.config.id as string, h.config.name])),
  );
  const nameOf = (id: string) => names.data?.get(id) ?? id;
  const status = useQuery({
    queryKey: ['metrics:source'],
    queryFn: () => client.call('metrics:source', {}),
    refetchInterval: 5000,
  });
  const test = useMutation({
    mutationFn: () => client.call('metrics:prometheus-test', { url: values.url.trim() }),
  });
  return (
    <fieldset className="prometheus-settings" data-testid="prometheus-settings">
      <legend>Utilisation from Prometheus</legend>
      <div className="settings-checks">
        <label>
          <input
            type="checkbox"
            data-testid="prometheus-enabled"
            checked={values.enabled}
            disabled={disabled}
            onChange={(event) => onChange({ ...values, enabled: event.target.checked })}
          />
          Read hosts from Prometheus instead of sampling them over SSH
        </label>
      </div>
      <div className="form-grid">
        <Field
          label="Prometheus URL"
          testId="prometheus-url"
          span={3}
          placeholder="http://prometheus.example:9090"
          value={values.url}
          error={errors.url}
          disabled={disabled}
          hint="node_exporter gives each host, prometheus-libvirt-exporter its VMs; a target matches the host whose address its instance label has. Hosts it lacks stay on SSH."
          onChange={(event) => onChange({ ...values, url: event.target.value })}
        />
        <Field
          label="Interval (seconds)"
          testId="prometheus-interval"
          span={1}
          type="number"
          min={5}
          max={300}
          step={1}
          value={values.intervalSeconds}
          error={errors.intervalSeconds}
          disabled={disabled}
          hint="Match the scrape interval."
          onChange={(event) => onChange({ ...values, intervalSeconds: event.target.value })}
        />
      </div>
      <div className="prometheus-test">
        <Button
          data-testid="prometheus-test"
          busy={test.isPending}
          disabled={disabled || values.url.trim() === ''}
          onClick={() => test.mutate()}
        >
          Test
        </Button>
        {test.data && <TestResult result={test.data} nameOf={nameOf} />}
      </div>
      {test.error && (
        <ErrorNotice title="Couldn't test Prometheus" error={AppError.from(test.error)} />
      )}
      {status.data && status.data.state !== 'off' && (
        <p className="muted small" data-testid="prometheus-status">
          {status.data.state === 'down'
            ? `Now: Prometheus does not answer (${status.data.problem ?? 'no detail'}); every host is sampled over SSH.`
            : `Now: ${plural(status.data.fromPrometheus.length, 'host')} from Prometheus, ${status.data.overSsh.length} over SSH.`}
        </p>
      )}
    </fieldset>
  );
}

function TestResult(props: { result: PrometheusTestResult; nameOf: (id: string) => string }) {
  const { result, nameOf } = props;
  if (!result.ok) {
    return (
      <p className="field-error" data-testid="prometheus-test-result" role="status">
        {result.problem}
      </p>
    );
  }
  const total = result.matched.length + result.unmatched.length;
  return (
    <div data-testid="prometheus-test-result" role="status">
      <p>
        Matched {result.matched.length} of {plural(total, 'host')} ({result.nodeTargets}{' '}
        node_exporter, {result.libvirtTargets} libvirt exporter targets; {result.ms} ms).
      </p>
      {result.unmatched.length > 0 && (
        <ul className="muted small">
          {result.unmatched.slice(0, 20).map((u) => (
            <li key={u.hostId}>
              {nameOf(u.hostId)}: {prometheusMissWords(u.reason)}; stays on SSH
            </li>
          ))}
          {result.unmatched.length > 20 && <li>and {result.unmatched.length - 20} more</li>}
        </ul>
      )}
    </div>
  );
}
