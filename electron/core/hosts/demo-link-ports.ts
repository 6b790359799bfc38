import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { HostConfig } from '../../../shared/domain/host';
import type { HostLink, HostLinkListener, TrustedKeys } from './host-link';
import { createHostLinkMachine } from './host-link-machine';
import type { LinkPorts } from './link-ports';
import type { LinkTiming } from './link-timing';
import { createDemoDriver } from '../hypervisor/demo/demo-driver';
import type { DemoWorld } from '../hypervisor/demo/demo-world';

/**
 * How the host link machine reaches a simulated host: `connect` takes `connectDelayMs` (as a
 * handshake would) and opens a session on the world, or fails as an unreachable host does;
 * `driverFor` is the demo driver. No host keys: the trusted fingerprint is not asked for, and the
 * session presents none, so a demo host never waits for trust.
 */
export function demoLinkPorts(world: DemoWorld, hostId: HostId, connectDelayMs = 300): LinkPorts {
  return {
    connect: (_trustedFingerprint, _timing, signal) =>
      new Promise((resolve, reject) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(new AppError('cancelled', `Connecting to ${hostId} was cancelled`));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          try {
            resolve(world.open(hostId));
          } catch (thrown) {
            reject(AppError.from(thrown));
          }
        }, connectDelayMs);
        timer.unref();
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    driverFor: () => createDemoDriver(world, hostId),
  };
}

/** The key store of simulated hosts: none is ever trusted, none can be. */
export const NO_HOST_KEYS: TrustedKeys = {
  get: () => undefined,
  set: (hostId) =>
    Promise.reject(
      new AppError('invalid-request', `${hostId} is a simulated host: it has no host key`, {
        hostId,
      }),
    ),
  forget: () => Promise.resolve(),
};

/** The link of a simulated host: the host link machine of real hosts, over demo ports. */
export function createDemoHostLink(
  world: DemoWorld,
  config: HostConfig,
  listener: HostLinkListener,
  options: { connectDelayMs?: number; timing?: Partial<LinkTiming> } = {},
): HostLink {
  return createHostLinkMachine(
    config,
    { trustedKeys: NO_HOST_KEYS, listener, ...(options.timing ? { timing: options.timing } : {}) },
    demoLinkPorts(world, config.id, options.connectDelayMs),
  );
}
