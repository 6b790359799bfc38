import { useMutation } from '@tanstack/react-query';
import type { Host } from '../../../shared/domain';
import type { ImportHostsResult } from '../../../shared/domain/host-import';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useFleetWriter } from '../../api/use-fleet-writer';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { hostView } from '../topology/state-view';

const waitingForKey = (h: Host): boolean =>
  h.state === 'host-key-unknown' && h.presentedFingerprint !== undefined;

/**
 * The imported hosts as they connect: every fingerprint to check in one list, trusted all at once
 * or one by one. A host behind a jump host shows up here once that jump host is trusted.
 */
export function ImportTrustList(props: { result: ImportHostsResult }) {
  const client = useClient();
  const writer = useFleetWriter();
  const ids = new Set(props.result.added.map((a) => a.hostId));
  const { data: hosts } = useFleet((f) => f.hosts.filter((h) => ids.has(h.config.id)));
  const trust = useMutation({
    mutationFn: async (list: Host[]) => {
      for (const h of list) {
        writer.upsertHost(
          await client.call('hosts:trust-key', {
            hostId: h.config.id,
            fingerprint: h.presentedFingerprint ?? '',
          }),
        );
      }
    },
  });
  const pending = (hosts ?? []).filter(waitingForKey);
  return (
    <div className="import-trust" data-testid="import-trust">
      <p>
        Compare each fingerprint with <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>{' '}
        on the host before you trust it.
      </p>
      <table className="import-table">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">State</th>
            <th scope="col">Host key</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(hosts ?? []).map((h) => (
            <tr key={h.config.id} data-testid="import-trust-row" data-state={h.state}>
              <td>
                <strong>{h.config.name}</strong>
                <div className="import-sub">
                  {h.config.user}@{h.config.address}:{h.config.port}
                </div>
              </td>
              <td>
                {hostView(h).label}
                {h.state !== 'connected' && !waitingForKey(h) && h.stateDetail && (
                  <div className="import-sub">{h.stateDetail}</div>
                )}
              </td>
              <td className="import-key">
                {waitingForKey(h)
                  ? `${h.presentedKeyType ?? ''} ${h.presentedFingerprint ?? ''}`
                  : '—'}
              </td>
              <td>
                {waitingForKey(h) && (
                  <Button size="small" busy={trust.isPending} onClick={() => trust.mutate([h])}>
                    Trust
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.result.failed.map((f) => (
        <p key={f.key} className="import-failed" role="alert">
          {f.message}
        </p>
      ))}
      <Button
        variant="primary"
        disabled={pending.length === 0}
        busy={trust.isPending}
        onClick={() => trust.mutate(pending)}
        data-testid="import-trust-all"
      >
        Trust {pending.length} shown key{pending.length === 1 ? '' : 's'}
      </Button>
      {trust.error && <ErrorNotice title="Couldn't trust" error={AppError.from(trust.error)} />}
    </div>
  );
}
