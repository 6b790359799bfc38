import type { FormEvent } from 'react';
import { Field } from '../../ui/Field';
import { Choice } from '../services/editor/Choice';
import type { HostId } from '../../../shared/domain';
import type { AddHostErrors, AddHostValues, JumpHostChoice } from './add-host-form';
import { PowerFields } from './PowerFields';

/** The fields of "Add host"; validation and submission belong to the flow around it. */
export function AddHostForm(props: {
  id: string;
  values: AddHostValues;
  errors: AddHostErrors;
  onChange: (field: keyof AddHostValues, value: string) => void;
  onSubmit: () => void;
  disabled: boolean;
  /** Hosts this one may connect through (jumpHostChoices). */
  jumpHosts: readonly JumpHostChoice[];
  /** Hosts that may run ipmitool for this one (fenceProxyChoices). */
  fenceProxies: readonly JumpHostChoice[];
  /** The host being edited, absent when adding. */
  hostId?: HostId | undefined;
}) {
  const { values, errors, onChange, disabled } = props;
  const bind = (field: keyof AddHostValues) => ({
    value: values[field],
    error: errors[field],
    disabled,
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form id={props.id} className="form-grid" onSubmit={submit} noValidate>
      <Field
        label="Address"
        testId="field-address"
        placeholder="hv1.example.net or 192.0.2.10"
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        span={3}
        {...bind('address')}
      />
      <Field label="Port" testId="field-port" inputMode="numeric" span={1} {...bind('port')} />
      <Field
        label="User"
        testId="field-user"
        autoComplete="off"
        spellCheck={false}
        {...bind('user')}
      />
      <Field
        label="Name (optional)"
        testId="field-name"
        placeholder="Defaults to the address"
        {...bind('name')}
      />
      <Field
        label="Private key path"
        testId="field-key-path"
        placeholder="~/.ssh/id_ed25519"
        spellCheck={false}
        hint="Leave empty to use ssh-agent."
        {...bind('keyPath')}
      />
      <Field
        label="Key passphrase (optional)"
        testId="field-passphrase"
        type="password"
        autoComplete="off"
        hint="Used for this connection only; never stored."
        {...bind('passphrase')}
      />
      <Choice
        label="Connect through"
        testId="field-jump-host"
        span={2}
        value={values.jumpHostId}
        disabled={disabled}
        onChange={(event) => onChange('jumpHostId', event.target.value)}
      >
        <option value="">Directly</option>
        {props.jumpHosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </Choice>
      <Field
        label="libvirt URI"
        testId="field-uri"
        spellCheck={false}
        hint="qemu:///session for per-user libvirt"
        {...bind('uri')}
      />
      <Field
        label="Labels"
        testId="field-labels"
        placeholder="zone=a, rack=r1, disk=ssd"
        spellCheck={false}
        hint="key=value, separated by commas"
        {...bind('labels')}
      />
      <Field
        label="Migration bandwidth limit (optional)"
        testId="field-migration-bandwidth"
        inputMode="numeric"
        placeholder="No limit"
        hint="MiB/s, for live moves leaving this host"
        {...bind('migrationBandwidth')}
      />
      <Field
        label="CPU overcommit (optional)"
        testId="field-cpu-overcommit"
        inputMode="decimal"
        placeholder="The fleet's (Settings)"
        hint="vCPUs per core on this host, 1–16"
        {...bind('cpuOvercommit')}
      />
      <Field
        label="Memory overcommit (optional)"
        testId="field-memory-overcommit"
        inputMode="decimal"
        placeholder="The fleet's (Settings)"
        hint="1–2; above 1 the host may swap or kill a VM"
        {...bind('memoryOvercommit')}
      />
      <PowerFields
        values={values}
        errors={errors}
        disabled={disabled}
        onChange={onChange}
        hostId={props.hostId}
        hostName={values.name.trim() || values.address.trim() || 'the host'}
        peers={props.fenceProxies}
      />
    </form>
  );
}
