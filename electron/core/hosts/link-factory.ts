import type { HostConfig } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { HostLink, HostLinkListener, TrustedKeys } from './host-link';

/** What a real host link needs; the same shape as `createLibvirtHostLink`'s second argument. */
export interface LinkDeps {
  trustedKeys: TrustedKeys;
  listener: HostLinkListener;
  /** Key passphrase for this link only: kept in memory, never stored. */
  passphrase?: string;
  /** The backstop poll interval, read before each poll so a change of the setting applies live. */
  pollMs?: () => number;
  /** Another host's configuration, read when connecting (a jump host's address may have changed). */
  hostConfig?: (id: HostId) => HostConfig | undefined;
  /** A service VM's domain XML as a listing read it (the definition keeper, for recovery). */
  keepDefinition?: (hostId: HostId, vmId: VmId, xml: string) => void;
}

/** Makes the link of a real (libvirt) host; tests pass a fake one. */
export type LinkFactory = (config: HostConfig, deps: LinkDeps) => HostLink;
