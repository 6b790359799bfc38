import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

/** A host's storage pools and networks, over its link (real or demo), read on demand. */
export function hostStorageHandlers(ctx: CoreContext): Pick<Handlers, 'hosts:storage'> {
  return {
    'hosts:storage': async (req) => {
      const hypervisor = await attempt(
        `Couldn't read the storage pools and networks of host ${hostName(ctx, req.hostId)}`,
        () => requireHost(ctx, req.hostId).link.hypervisor(),
      );
      return hypervisor.hostStorage();
    },
  };
}
