import { needsPassphrase, type Host } from '../../../shared/domain';
import { Button } from '../../ui/Button';
import { troubleReason } from '../topology/state-view';
import { hostView } from '../topology/state-view';

/**
 * The host was stored but did not connect: say so naming it, and let the admin either fix the form
 * (the stored host is changed in place) or keep it, e.g. to retry later when the machine is up.
 */
export function ConnectFailure(props: {
  host: Host;
  connecting: boolean;
  onEditAndRetry: () => void;
  onKeep: () => void;
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
        State: {hostView(host).label}.{' '}
        {connectedButBroken
          ? 'Keep the host to see it in the topology while you fix libvirt.'
          : 'Edit and retry changes the stored host and keeps what you typed.'}
      </p>
      {needsPassphrase(host) && (
        <p className="passphrase-needed" data-testid="add-host-needs-passphrase">
          {host.problem?.passphrase === 'wrong'
            ? 'The passphrase did not open the key: Edit and retry, and type it again.'
            : 'The key is protected by a passphrase: Edit and retry, and give it in the form.'}
        </p>
      )}
      <div className="button-row">
        <Button onClick={props.onEditAndRetry} data-testid="edit-retry-button">
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
