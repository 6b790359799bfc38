import type { Host } from '../../../shared/domain';
import { WarningIcon } from '../../ui/Badge';

/** OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED", with both fingerprints and what to do. */
export function HostKeyChangedWarning(props: { host: Host }) {
  const { host } = props;
  return (
    <div className="key-changed" role="alert" data-testid="host-key-changed-warning">
      <p className="key-changed-title">
        <WarningIcon /> WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!
      </p>
      <p>
        IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY! Someone could be eavesdropping on you
        right now (man-in-the-middle attack), or the host key of {host.config.name} has just been
        changed. The console refuses to connect.
      </p>
      {host.presentedKeyType && (
        <p data-testid="presented-key-line">
          The fingerprint for the {host.presentedKeyType} key sent by the remote host is{' '}
          <code>{host.presentedFingerprint ?? 'unknown'}</code>.
        </p>
      )}
      <dl className="facts">
        <dt>Trusted</dt>
        <dd>
          {host.trustedKeyType && <span className="key-type">{host.trustedKeyType} </span>}
          <code data-testid="trusted-fingerprint">{host.trustedFingerprint ?? 'unknown'}</code>
        </dd>
        <dt>Presented now</dt>
        <dd>
          {host.presentedKeyType && <span className="key-type">{host.presentedKeyType} </span>}
          <code data-testid="presented-fingerprint">{host.presentedFingerprint ?? 'unknown'}</code>
        </dd>
      </dl>
      <p>
        Remove the host and add it again <strong>only if you expected the key change</strong> (the
        host was reinstalled or its keys rotated); otherwise find out why before connecting.
      </p>
    </div>
  );
}
