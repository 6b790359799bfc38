import type { Host } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { troubleReason } from '../topology/HostCard';
import { hostStateView } from '../topology/state-view';

/**
 * The host was stored but did not connect: say so naming it, and let the admin either fix the form
 * (the stored host goes) or keep it, e.g. to retry later when the machine is up.
 */
export function ConnectFailure(props: {
  host: Host;
  connecting: boolean;
  onEditAndRetry: () => void;
  onKeep: () => void;
  removing: boolean;
  error: AppError | null;
}) {
  const { host } = props;
  const { name, address, port } = host.config;
  if (props.connecting) {
    return (
      <p role="status" className="connecting-line" data-testid="add-host-connecting">
        <span className="spinner" aria-hidden="true" /> Connecting to {name} ({address}:{port})…
      </p>
    );
  }
  const connectedButBroken = host.state === 'hypervisor-problem';
  return (
    <div className="connect-failure" data-testid="add-host-failure" data-state={host.state}>
      <div role="alert">
        <p className="error-title">
          {connectedButBroken
            ? `Connected to ${name} (${address}:${port}), but its hypervisor has a problem:`
            : `Couldn't connect to ${name} (${address}:${port}):`}
        </p>
        <p className="error-message"> {troubleReason(host)}</p>
      </div>
      <p className="field-hint">
        State: {hostStateView(host.state).label}.{' '}
        {connectedButBroken
          ? 'Keep the host to see it in the topology while you fix libvirt.'
          : 'Edit and retry removes the stored host and keeps what you typed.'}
        {/passphrase/i.test(host.stateDetail ?? '') && ' Give the key’s passphrase there.'}
      </p>
      {props.error && <ErrorNotice title={`Couldn't remove host ${name}`} error={props.error} />}
      <div className="button-row">
        <Button
          busy={props.removing}
          onClick={props.onEditAndRetry}
          data-testid="edit-retry-button"
        >
          Edit and retry
        </Button>
        <Button
          variant="primary"
          onClick={props.onKeep}
          data-testid="keep-host-button"
          data-autofocus
        >
          Keep host
        </Button>
      </div>
    </div>
  );
}
