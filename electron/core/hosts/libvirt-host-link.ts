import type { HostConfig } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { createLibvirtDriver } from '../hypervisor/libvirt/libvirt-driver';
import type { HostLink, HostLinkListener, TrustedKeys } from './host-link';
import { createHostLinkMachine } from './host-link-machine';
import type { LinkTiming } from './link-timing';
import { openSshSession, type SshTarget } from '../ssh/ssh-connect';

export interface LibvirtHostLinkDeps {
  trustedKeys: TrustedKeys;
  listener: HostLinkListener;
  /** The key's passphrase, for this link only: kept in memory, never stored. */
  passphrase?: string;
  timing?: Partial<LinkTiming>;
  /** The backstop poll interval, read before each poll (the setting may change while connected). */
  pollMs?: () => number;
  /** Another host's configuration (the jump host's), read at each connect. */
  hostConfig?: (id: HostId) => HostConfig | undefined;
  /** A service VM's domain XML as a listing read it (the definition keeper, for recovery). */
  keepDefinition?: (hostId: HostId, vmId: VmId, xml: string) => void;
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
          ...targetOf(config),
          hostId: config.id,
          ...(deps.passphrase === undefined ? {} : { passphrase: deps.passphrase }),
          ...(trustedFingerprint === undefined ? {} : { trustedFingerprint }),
          ...(config.jumpHostId === undefined ? {} : { jump: jumpTarget(config, deps) }),
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
        ...(deps.keepDefinition === undefined
          ? {}
          : {
              keep: (uuid: string, xml: string) =>
                deps.keepDefinition?.(config.id, uuid as VmId, xml),
            }),
      }),
  });
}

function targetOf(config: HostConfig): SshTarget {
  return {
    hostName: config.name,
    address: config.address,
    port: config.port,
    user: config.user,
    ...(config.keyPath === undefined ? {} : { keyPath: config.keyPath }),
  };
}

/**
 * The jump host as it is configured now, with the key trusted for it as a host of the console.
 * One hop only: a jump host that is itself behind another is refused with words, not followed.
 */
function jumpTarget(config: HostConfig, deps: LibvirtHostLinkDeps): SshTarget {
  const id = config.jumpHostId;
  const jump = id === undefined ? undefined : deps.hostConfig?.(id);
  const refuse = (why: string): AppError =>
    new AppError('invalid-request', `Couldn't connect to ${config.name}: ${why}`, {
      hostId: config.id,
      retryable: false,
    });
  if (id === undefined || jump === undefined) {
    throw refuse(`its jump host (${id ?? '?'}) is no longer in the console; edit the host`);
  }
  if (jump.jumpHostId !== undefined) {
    throw refuse(
      `its jump host ${jump.name} is itself reached through a jump host (not supported)`,
    );
  }
  const trusted = deps.trustedKeys.get(jump.id)?.fingerprint;
  return { ...targetOf(jump), ...(trusted === undefined ? {} : { trustedFingerprint: trusted }) };
}
