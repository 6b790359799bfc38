import type { HostConfig } from '../../../shared/domain/host';
import { createLibvirtDriver } from '../hypervisor/libvirt/libvirt-driver';
import type { HostLink, HostLinkListener, TrustedKeys } from './host-link';
import { createHostLinkMachine } from './host-link-machine';
import type { LinkTiming } from './link-timing';
import { openSshSession } from './ssh-connect';

export interface LibvirtHostLinkDeps {
  trustedKeys: TrustedKeys;
  listener: HostLinkListener;
  /** The key's passphrase, for this link only: kept in memory, never stored. */
  passphrase?: string;
  timing?: Partial<LinkTiming>;
  /** The backstop poll interval, read before each poll (the setting may change while connected). */
  pollMs?: () => number;
}

/**
 * The real host link: one long-lived SSH connection (ssh2) per host, libvirt driven by virsh over
 * it, events from `virsh event --loop` with a backstop poll. See host-link-machine.ts for the
 * states, and link-timing.ts for the timers and their defaults.
 */
export function createLibvirtHostLink(config: HostConfig, deps: LibvirtHostLinkDeps): HostLink {
  return createHostLinkMachine(config, deps, {
    connect: (trustedFingerprint, timing, signal) =>
      openSshSession(
        {
          hostName: config.name,
          hostId: config.id,
          address: config.address,
          port: config.port,
          user: config.user,
          ...(config.keyPath === undefined ? {} : { keyPath: config.keyPath }),
          ...(deps.passphrase === undefined ? {} : { passphrase: deps.passphrase }),
          ...(trustedFingerprint === undefined ? {} : { trustedFingerprint }),
        },
        {
          keepaliveMs: timing.keepaliveMs,
          keepaliveCount: timing.keepaliveCount,
          readyTimeoutMs: timing.readyTimeoutMs,
          execTimeoutMs: timing.commandTimeoutMs,
        },
        signal,
      ),
    driverFor: (session, timing, warn) =>
      createLibvirtDriver({
        shell: session,
        hostId: config.id,
        hostName: config.name,
        user: config.user,
        uri: config.uri,
        timeouts: { queryMs: timing.commandTimeoutMs, actionMs: timing.actionTimeoutMs },
        warn,
      }),
  });
}
