import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Host } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleetWriter } from '../../api/use-fleet-writer';
import { useUiStore } from '../../app/ui-store';

/** Reconnect / disconnect / remove one host, with the answer written to the cache at once. */
export function useHostActions(host: Host) {
  const client = useClient();
  const writer = useFleetWriter();
  const select = useUiStore((s) => s.select);
  const openTrust = useUiStore((s) => s.openTrust);
  const hostId = host.config.id;
  const [failed, setFailed] = useState<{ title: string; error: AppError } | null>(null);
  const fail = (title: string) => (thrown: unknown) =>
    setFailed({ title, error: AppError.from(thrown) });
  const name = host.config.name;

  const reconnect = useMutation({
    mutationFn: (passphrase?: string) =>
      client.call('hosts:reconnect', { hostId, ...(passphrase ? { passphrase } : {}) }),
    onMutate: () => setFailed(null),
    onSuccess: (h: Host) => {
      writer.upsertHost(h);
      // A host never reached before (e.g. its key file failed first) now shows its key: ask at once.
      if (h.state === 'host-key-unknown') openTrust(h.config.id);
    },
    onError: fail(`Couldn't reconnect to ${name}`),
  });
  const disconnect = useMutation({
    mutationFn: () => client.call('hosts:disconnect', { hostId }),
    onMutate: () => setFailed(null),
    onSuccess: writer.upsertHost,
    onError: fail(`Couldn't disconnect from ${name}`),
  });
  const remove = useMutation({
    mutationFn: () => client.call('hosts:remove', { hostId }),
    onMutate: () => setFailed(null),
    onSuccess: () => {
      select(null);
      writer.removeHost(hostId);
    },
    onError: fail(`Couldn't remove host ${name}`),
  });
  return { reconnect, disconnect, remove, failed, clearFailure: () => setFailed(null) };
}
