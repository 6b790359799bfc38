import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AddHostRequest, UpdateHostRequest } from '../../../shared/contract/requests';
import type { Host, HostId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useFleet } from '../../api/queries';
import { useFleetWriter } from '../../api/use-fleet-writer';
import {
  EMPTY_VALUES,
  validateAddHost,
  type AddHostErrors,
  type AddHostValues,
  valuesFrom,
} from './add-host-form';

/** Where the dialog stands; after the add it follows the host's live state in the cache. */
export type AddHostStep = 'form' | 'connecting' | 'fingerprint' | 'failed' | 'done';

/**
 * The add-host conversation: fill the form, add, then follow the host through trust-on-first-use
 * until it is connected (close), failed (say why, offer to edit or keep) or cancelled (remove it).
 * "Edit and retry" reopens the form over the stored host and sends hosts:update, so the host keeps
 * its id and its log lines. Started with a stored host, the flow begins there: the form over it.
 */
export function useAddHostFlow(start: Host | null = null) {
  const client = useClient();
  const writer = useFleetWriter();
  const [values, setValues] = useState<AddHostValues>(() =>
    start ? valuesFrom(start.config) : EMPTY_VALUES,
  );
  const [errors, setErrors] = useState<AddHostErrors>({});
  const [added, setAdded] = useState<Host | null>(start);
  const [editing, setEditing] = useState(start !== null);
  const hostId: HostId | undefined = added?.config.id;
  const { data: cached } = useFleet((f) => f.hosts.find((h) => h.config.id === hostId) ?? null);
  // The cache is kept live by events; the answer to the request stands in until it has the host.
  const host = added ? (cached ?? added) : null;

  const remember = (h: Host) => {
    writer.upsertHost(h);
    setAdded(h);
  };
  // A key file refused before saving belongs next to its field, in the core's words.
  const onKeyFileRefused = (error: unknown) => {
    const problem = keyFileProblem(error);
    if (problem) setErrors((e) => ({ ...e, keyPath: problem }));
  };
  const add = useMutation({
    mutationFn: (request: AddHostRequest) => client.call('hosts:add', request),
    onSuccess: remember,
    onError: onKeyFileRefused,
  });
  const trust = useMutation({
    mutationFn: (h: Host) =>
      client.call('hosts:trust-key', {
        hostId: h.config.id,
        fingerprint: h.presentedFingerprint ?? '',
      }),
    onSuccess: remember,
  });
  const remove = useMutation({
    mutationFn: async (h: Host) => {
      await client.call('hosts:remove', { hostId: h.config.id });
      return h.config.id;
    },
    onSuccess: (id) => {
      writer.removeHost(id);
      setAdded(null);
      trust.reset();
    },
  });

  const update = useMutation({
    mutationFn: (request: UpdateHostRequest) => client.call('hosts:update', request),
    onError: onKeyFileRefused,
    onSuccess: (h: Host) => {
      remember(h);
      setEditing(false);
      trust.reset();
    },
  });

  const submit = () => {
    const result = validateAddHost(values);
    setErrors(result.errors ?? {});
    if (!result.request) return;
    if (editing && hostId) update.mutate({ ...result.request, hostId });
    else add.mutate(result.request);
  };
  const submitting = add.isPending || update.isPending;
  const submitFailure = editing ? update.error : add.error;

  return {
    values,
    setValue: (field: keyof AddHostValues, value: string) => {
      setValues((v) => ({ ...v, [field]: value }));
      if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    },
    errors,
    host,
    step: editing ? 'form' : stepOf(host),
    /** The form is open again over a stored host: submitting changes it rather than adding one. */
    editing,
    edit: () => {
      update.reset();
      setEditing(true);
    },
    submit,
    submitting,
    submitError:
      submitFailure && !keyFileProblem(submitFailure) ? AppError.from(submitFailure) : null,
    trust: () => host && trust.mutate(host),
    trusting: trust.isPending,
    /** Cancel at the fingerprint: the host just added goes. */
    removeHost: (onRemoved?: () => void) =>
      host && remove.mutate(host, { onSuccess: () => onRemoved?.() }),
    removing: remove.isPending,
    actionError: (trust.error ?? remove.error) ? AppError.from(trust.error ?? remove.error) : null,
  };
}

/** The key file's problem without the action's prefix ("Couldn't add host hv1: "), if that was it. */
function keyFileProblem(error: unknown): string | undefined {
  const appError = AppError.from(error);
  if (appError.code !== 'key-file') return undefined;
  return appError.message.replace(/^Couldn't (add|change) host [^:]*: /, '');
}

export function stepOf(host: Host | null): AddHostStep {
  if (!host) return 'form';
  switch (host.state) {
    case 'host-key-unknown':
      return 'fingerprint';
    case 'connected':
      return 'done';
    case 'connecting':
      return 'connecting';
    default:
      return 'failed';
  }
}
