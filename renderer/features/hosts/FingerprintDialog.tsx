import type { Host } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * Trust on first use, worded as OpenSSH words it ("ED25519 key fingerprint is SHA256:…"), with the
 * fingerprint the host presented.
 */
export function FingerprintDialog(props: {
  host: Host;
  onTrust: () => void;
  onCancel: () => void;
  trusting: boolean;
  cancelling: boolean;
  /** In the add-host flow, Cancel removes the host just added; elsewhere it only closes. */
  cancelRemoves: boolean;
  error: AppError | null;
}) {
  const { host } = props;
  const { name, address, port } = host.config;
  const keyType = host.presentedKeyType;
  return (
    <Dialog
      title="Verify the host key"
      onClose={props.onCancel}
      alert
      testId="fingerprint-dialog"
      footer={
        <>
          <Button
            busy={props.cancelling}
            onClick={props.onCancel}
            data-testid="trust-cancel-button"
          >
            Cancel
          </Button>
          <Button
            variant="primary"
            busy={props.trusting}
            disabled={!host.presentedFingerprint || props.trusting}
            onClick={props.onTrust}
            data-testid="trust-button"
          >
            Trust and connect
          </Button>
        </>
      }
    >
      <p>
        The authenticity of host &lsquo;<strong>{name}</strong> ({address}:{port})&rsquo;
        can&rsquo;t be established.
      </p>
      <p>
        {keyType ? (
          <>
            Its <strong data-testid="fingerprint-key-type">{keyType}</strong> key fingerprint is
          </>
        ) : (
          'Its key fingerprint is'
        )}
      </p>
      <p className="fingerprint">
        <code data-testid="fingerprint-value">{host.presentedFingerprint ?? '(not received)'}</code>
      </p>
      <p>Are you sure you want to trust it and connect?</p>
      <p className="field-hint">
        Compare it with the host&rsquo;s own: <code>ssh-keygen -lf {hostKeyFile(keyType)}</code>.
        {props.cancelRemoves && ' Cancel removes the host.'}
      </p>
      {props.error && (
        <ErrorNotice title={`Couldn't trust the key of ${name}`} error={props.error} />
      )}
    </Dialog>
  );
}

/** Where sshd keeps the public half of a host key of that type, for the admin to compare with. */
export function hostKeyFile(keyType: string | undefined): string {
  const file: Record<string, string> = { ED25519: 'ed25519', ECDSA: 'ecdsa', RSA: 'rsa' };
  const kind = keyType === undefined ? undefined : file[keyType];
  return kind ? `/etc/ssh/ssh_host_${kind}_key.pub` : '/etc/ssh/ssh_host_*_key.pub';
}
