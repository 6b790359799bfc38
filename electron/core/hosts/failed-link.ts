import type { Host, HostConfig } from '../../../shared/domain/host';
import { AppError } from '../../../shared/errors';
import type { HostLink } from './host-link';

/**
 * Stands in for a link that could not even be created (say, the SSH module failed to load), so the
 * host still shows, with the reason, instead of vanishing from the console.
 */
export function createFailedLink(config: HostConfig, cause: unknown): HostLink {
  const error = AppError.from(cause);
  const message = `the connection could not be set up: ${error.message}`;
  const host: Host = {
    config,
    state: 'unreachable',
    stateDetail: message,
    problem: {
      code: error.code,
      message,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    },
  };
  const refuse = (): Promise<never> => Promise.reject(error);
  return {
    id: config.id,
    current: () => ({ host, vms: [] }),
    open: () => undefined,
    trust: refuse,
    reconnect: refuse,
    disconnect: () => Promise.resolve(),
    act: refuse,
    hypervisor: () =>
      Promise.reject(
        new AppError('unreachable', `${config.name} is not connected (${message})`, {
          hostId: config.id,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        }),
      ),
    close: () => Promise.resolve(),
  };
}
