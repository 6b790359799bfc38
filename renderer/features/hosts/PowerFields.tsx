import { useMutation } from '@tanstack/react-query';
import type { HostId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { powerReadingWords } from '../../../shared/words/power-words';
import { useClient } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { Choice } from '../services/editor/Choice';
import type { JumpHostChoice } from './add-host-form';
import { validatePower, type PowerErrors, type PowerValues } from './power-form';

/**
 * Power management through the host's BMC (fencing): IPMI over LAN, run from this console or from
 * a peer host (fence proxy). "Test power management" asks the BMC its power state with the fields
 * as typed; the password typed, else the stored one (the window never sees that, only "set").
 */
export function PowerFields(props: {
  values: PowerValues;
  errors: PowerErrors;
  disabled: boolean;
  onChange: (field: keyof PowerValues, value: string) => void;
  /** The host being edited (its stored password); absent when adding. */
  hostId: HostId | undefined;
  hostName: string;
  /** Hosts that may run ipmitool for this one: the console's other real hosts. */
  peers: readonly JumpHostChoice[];
}) {
  const { values, errors, disabled, onChange } = props;
  const client = useClient();
  const test = useMutation({
    mutationFn: () => {
      const { request } = validatePower(values);
      if (request.power === undefined)
        throw new AppError('invalid-request', 'fill in the BMC fields first');
      return client.call('power:test', {
        settings: request.power,
        ...(props.hostId === undefined ? {} : { hostId: props.hostId }),
        ...(request.powerPassword === undefined ? {} : { password: request.powerPassword }),
      });
    },
  });
  const nameOf = (id: HostId) => props.peers.find((p) => p.id === id)?.name ?? id;
  const bind = (field: keyof PowerValues) => ({
    value: values[field],
    error: errors[field],
    disabled,
    onChange: (event: { target: { value: string } }) => {
      test.reset();
      onChange(field, event.target.value);
    },
  });
  return (
    <fieldset className="power-settings span-4" data-testid="power-settings">
      <legend>Power management (fencing)</legend>
      <div className="form-grid">
        <Choice label="BMC" testId="field-power" span={2} {...bind('power')}>
          <option value="">None</option>
          <option value="ipmi">IPMI over LAN</option>
        </Choice>
        {values.power === 'ipmi' && (
          <>
            <Choice
              label="Run ipmitool from"
              testId="field-power-route"
              span={2}
              {...bind('powerRoute')}
            >
              <option value="">This console</option>
              {props.peers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} (fence proxy)
                </option>
              ))}
            </Choice>
            <Field
              label="BMC address"
              testId="field-power-address"
              span={3}
              spellCheck={false}
              autoComplete="off"
              {...bind('powerAddress')}
            />
            <Field
              label="Port"
              testId="field-power-port"
              span={1}
              inputMode="numeric"
              {...bind('powerPort')}
            />
            <Field
              label="BMC user"
              testId="field-power-user"
              spellCheck={false}
              autoComplete="off"
              {...bind('powerUser')}
            />
            <Field
              label="BMC password"
              testId="field-power-password"
              type="password"
              autoComplete="new-password"
              placeholder={values.powerPasswordSet ? 'Password set (leave empty to keep it)' : ''}
              hint="Stored encrypted by the desktop app; by the web console in the data folder, readable by your user only."
              {...bind('powerPassword')}
            />
            <div className="power-test span-4">
              <Button
                data-testid="power-test"
                busy={test.isPending}
                disabled={disabled}
                onClick={() => test.mutate()}
              >
                Test power management
              </Button>
              {test.data && (
                <p
                  className={test.data.ok ? '' : 'field-error'}
                  data-testid="power-test-result"
                  role="status"
                >
                  {powerReadingWords(props.hostName, test.data, nameOf)}
                </p>
              )}
            </div>
            {test.error && (
              <ErrorNotice
                title="Couldn't test power management"
                error={AppError.from(test.error)}
              />
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}
