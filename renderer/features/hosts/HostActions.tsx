import { useState, type FormEvent } from 'react';
import { needsPassphrase, type Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { useAskBefore } from '../../api/queries';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { useMaintenance } from '../move/use-maintenance';
import { EvacuationRefused } from './EvacuationRefused';
import { useHostActions } from './use-host-actions';
import { DemoOutageButtons } from '../recovery/DemoOutageButtons';
import { RecoverButton } from '../recovery/RecoverButton';

/** Reconnect (asking for the key's passphrase when it is needed), disconnect, edit, remove. */
export function HostActions(props: { host: Host }) {
  const { host } = props;
  const actions = useHostActions(host);
  const maintenance = useMaintenance(host);
  const inMaintenance = host.config.maintenance === true;
  const evacuation = maintenance.data?.evacuation;
  const openEditHost = useUiStore((s) => s.openEditHost);
  const openNewVm = useUiStore((s) => s.openNewVm);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const askBeforeRemove = useAskBefore('delete');
  const [passphrase, setPassphrase] = useState('');
  const [askPassphrase, setAskPassphrase] = useState(false);
  // The core says so as data (Host.problem.passphrase); the link also offers it on request.
  const lacksPassphrase = needsPassphrase(host);
  const showPassphrase = askPassphrase || lacksPassphrase;
  const keyChanged = host.state === 'host-key-changed';

  const reconnectWithPassphrase = (event: FormEvent) => {
    event.preventDefault();
    actions.reconnect.mutate(passphrase, { onSettled: () => setPassphrase('') });
  };

  return (
    <div className="host-actions">
      <div className="button-row">
        <Button
          size="small"
          busy={actions.reconnect.isPending}
          disabled={keyChanged || actions.reconnect.isPending}
          title={keyChanged ? 'Refused: the host key changed' : undefined}
          onClick={() => actions.reconnect.mutate(undefined)}
          data-testid="host-action-reconnect"
        >
          Reconnect
        </Button>
        <Button
          size="small"
          busy={actions.disconnect.isPending}
          disabled={host.state === 'disconnected' || actions.disconnect.isPending}
          onClick={() => actions.disconnect.mutate()}
          data-testid="host-action-disconnect"
        >
          Disconnect
        </Button>
        {host.config.driver !== 'demo' && ( // the demo fleet has no settings to change
          <Button
            size="small"
            onClick={() => openEditHost(host.config.id)}
            data-testid="host-action-edit"
          >
            Edit…
          </Button>
        )}
        <Button
          size="small"
          busy={maintenance.isPending}
          onClick={() => maintenance.mutate(!inMaintenance)}
          title={
            inMaintenance
              ? 'The host takes VMs again'
              : 'The host takes no new VMs; its VMs are planned off it for your review'
          }
          data-testid="host-action-maintenance"
        >
          {inMaintenance ? 'Leave maintenance' : 'Enter maintenance'}
        </Button>
        <Button
          size="small"
          disabled={host.state !== 'connected' || inMaintenance}
          title={inMaintenance ? 'The host is in maintenance: it takes no new VMs' : undefined}
          onClick={() => openNewVm(host.config.id)}
          data-testid="host-action-new-vm"
        >
          New VM…
        </Button>
        <RecoverButton host={host} where="details" />
        <Button
          size="small"
          variant="danger"
          onClick={() =>
            askBeforeRemove ? setConfirmRemove(true) : actions.remove.mutate(undefined)
          }
          data-testid="host-action-remove"
        >
          Remove…
        </Button>
        {host.config.keyPath && !showPassphrase && (
          <button type="button" className="link-button" onClick={() => setAskPassphrase(true)}>
            Reconnect with passphrase…
          </button>
        )}
      </div>
      {showPassphrase && !keyChanged && (
        <form
          className="passphrase-form"
          onSubmit={reconnectWithPassphrase}
          data-testid="passphrase-form"
          data-needs={host.problem?.passphrase}
        >
          {lacksPassphrase && (
            <p className="passphrase-needed" role="status" data-testid="needs-passphrase">
              {host.problem?.passphrase === 'wrong'
                ? 'That passphrase did not open the key. Try again:'
                : 'The key is protected by a passphrase. Give it to connect:'}
            </p>
          )}
          <Field
            label={`Passphrase for ${host.config.keyPath ?? 'the key'}`}
            testId="field-reconnect-passphrase"
            type="password"
            autoComplete="off"
            hint="Used for this connection only; never stored, so it is asked again after a restart."
            span={4}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <Button type="submit" size="small" variant="primary" busy={actions.reconnect.isPending}>
            Reconnect
          </Button>
        </form>
      )}
      <DemoOutageButtons host={host} />
      {actions.failed && <ErrorNotice title={actions.failed.title} error={actions.failed.error} />}
      {maintenance.error && (
        <ErrorNotice
          title={`Couldn't ${maintenance.variables ? 'put' : 'take'} ${host.config.name} ${maintenance.variables ? 'into' : 'out of'} maintenance`}
          error={AppError.from(maintenance.error)}
          testId="maintenance-error"
        />
      )}
      {inMaintenance && evacuation && !evacuation.ok && (
        <EvacuationRefused hostName={host.config.name} evacuation={evacuation} />
      )}
      {inMaintenance && maintenance.isSuccess && evacuation === undefined && (
        <p className="muted small" role="status" data-testid="maintenance-empty">
          {host.config.name} is in maintenance; it runs no VM, so nothing has to move.
        </p>
      )}
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove host ${host.config.name}?`}
          confirmLabel="Remove host"
          busy={actions.remove.isPending}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() =>
            actions.remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })
          }
        >
          <p>
            The console forgets {host.config.name} ({host.config.address}) and its trusted key. Its
            VMs keep running; nothing on the host is changed.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
