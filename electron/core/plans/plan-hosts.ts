import type { HostConfig, HostState } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { EventSource } from '../events/event-hub';
import type { HostRegistry } from '../hosts/host-registry';
import type { HostOperations } from '../hosts/host-link';
import type { MigrationTarget } from '../hypervisor/hypervisor-driver';

/** A host's name for notes and messages, or its id when the console does not know it. */
export function hostName(hosts: HostRegistry, hostId: HostId): string {
  return hosts.get(hostId)?.config.name ?? hostId;
}

/** The operations of a connected host; rejects with `unreachable` (from the link) otherwise. */
export function operations(hosts: HostRegistry, hostId: HostId): Promise<HostOperations> {
  const entry = hosts.get(hostId);
  if (!entry) {
    return Promise.reject(new AppError('not-found', `host ${hostId} is not known`, { hostId }));
  }
  return entry.link.hypervisor();
}

/** States a host leaves by itself (a connection under way, a retry with backoff): worth a wait. */
const PASSING: ReadonlySet<HostState> = new Set<HostState>(['connecting', 'unreachable']);

/**
 * The operations of a host for a step: a host still connecting (just after a restart, or during a
 * reconnect) gets up to `timeoutMs` to connect; one that needs the admin (key, auth) fails at once.
 */
export async function operationsWhenConnected(
  deps: { hosts: HostRegistry; hub: EventSource },
  hostId: HostId,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<HostOperations> {
  const state = deps.hosts.get(hostId)?.host.state;
  if (state !== undefined && PASSING.has(state)) {
    await waitConnected(deps, hostId, options.timeoutMs, options.signal);
    if (options.signal?.aborted) throw cancelled('the step');
  }
  return operations(deps.hosts, hostId);
}

/** True once the host is connected; false if it is not within `timeoutMs` (or the wait is aborted). */
export function waitConnected(
  deps: { hosts: HostRegistry; hub: EventSource },
  hostId: HostId,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const connected = (): boolean => deps.hosts.get(hostId)?.host.state === 'connected';
  if (connected()) return Promise.resolve(true);
  if (timeoutMs <= 0 || signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (answer: boolean): void => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', onAbort);
      resolve(answer);
    };
    const onAbort = (): void => finish(false);
    const off = deps.hub.on('hosts:changed', (host) => {
      if (host.config.id === hostId && host.state === 'connected') finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Where a migration to this host goes, from the console's own settings for it. */
export function migrationTarget(hosts: HostRegistry, hostId: HostId): MigrationTarget {
  const entry = hosts.get(hostId);
  if (!entry) throw new AppError('not-found', `target host ${hostId} is not known`, { hostId });
  return migrationTargetOf(entry.config);
}

/** The same, from a host's settings. */
export function migrationTargetOf(config: HostConfig): MigrationTarget {
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
