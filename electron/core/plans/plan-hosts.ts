import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { Fleet } from '../fleet/fleet';
import type { HostOperations } from '../hosts/host-link';
import type { MigrationTarget } from '../hypervisor/hypervisor-driver';

/** A host's name for notes and messages, or its id when the console does not know it. */
export function hostName(fleet: Fleet, hostId: HostId): string {
  return fleet.get(hostId)?.config.name ?? hostId;
}

/** The operations of a connected host; rejects with `unreachable` (from the link) otherwise. */
export function operations(fleet: Fleet, hostId: HostId): Promise<HostOperations> {
  const entry = fleet.get(hostId);
  if (!entry) {
    return Promise.reject(new AppError('not-found', `host ${hostId} is not known`, { hostId }));
  }
  return entry.link.hypervisor();
}

/** Where a migration to this host goes, from the console's own settings for it. */
export function migrationTarget(fleet: Fleet, hostId: HostId): MigrationTarget {
  const entry = fleet.get(hostId);
  if (!entry) throw new AppError('not-found', `target host ${hostId} is not known`, { hostId });
  const { config } = entry;
  return {
    hostId: config.id,
    hostName: config.name,
    address: config.address,
    port: config.port,
    user: config.user,
    uri: config.uri,
  };
}

export function findVm(vms: readonly Vm[], vmId: VmId): Vm | undefined {
  return vms.find((vm) => vm.id === vmId);
}

export function cancelled(what: string): AppError {
  return new AppError('cancelled', `${what} was cancelled`);
}

/** Wait `ms`, or reject with `cancelled` as soon as the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled('the step'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled('the step'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Re-list until `probe` answers (not undefined) or `timeoutMs` passes; undefined on timeout. The
 * listing goes through the link, so the window sees each fresh list too.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; pollMs: number; signal?: AbortSignal },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    if (Date.now() >= deadline) return undefined;
    await delay(Math.min(options.pollMs, Math.max(0, deadline - Date.now())), options.signal);
  }
}
