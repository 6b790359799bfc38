import { useMutation } from '@tanstack/react-query';
import type { Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useFleetWriter } from '../../api/use-fleet-writer';
import { useUiStore } from '../../app/ui-store';
import { FingerprintDialog } from './FingerprintDialog';

/**
 * The fingerprint question for a host already in the inventory (e.g. left waiting after a restart).
 * Cancel here only closes: removing a stored host is the Remove button's job.
 */
export function TrustHostDialog() {
  const hostId = useUiStore((s) => s.trustHostId);
  const close = useUiStore((s) => s.closeTrust);
  const client = useClient();
  const writer = useFleetWriter();
  const { data: host } = useFleet((f) => f.hosts.find((h) => h.config.id === hostId));
  const trust = useMutation({
    mutationFn: (h: Host) =>
      client.call('hosts:trust-key', {
        hostId: h.config.id,
        fingerprint: h.presentedFingerprint ?? '',
      }),
    onSuccess: (h) => {
      writer.upsertHost(h);
      close();
    },
  });
  if (!hostId || !host || host.state !== 'host-key-unknown') return null;
  return (
    <FingerprintDialog
      host={host}
      onTrust={() => trust.mutate(host)}
      onCancel={close}
      trusting={trust.isPending}
      cancelling={false}
      cancelRemoves={false}
      error={trust.error ? AppError.from(trust.error) : null}
    />
  );
}
