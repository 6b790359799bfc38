import type { HypervisorDriver } from '../hypervisor/hypervisor-driver';
import type { HostLinkListener, TrustedKeys } from './host-link';
import type { LinkSession } from '../ssh/link-session';
import type { LinkTiming } from './link-timing';

/**
 * How a link reaches its host: injected, so the same machine runs real hosts (SSH + virsh), the
 * demo's simulated ones and the tests' fakes. Host keys are the port's concern: `connect` gets the
 * fingerprint the admin trusts (if any) and rejects with a HostKeyError when the host presents
 * another; a port without keys (the demo) never does, so its hosts never wait for trust.
 */
export interface LinkPorts {
  connect(
    trustedFingerprint: string | undefined,
    timing: LinkTiming,
    signal: AbortSignal,
  ): Promise<LinkSession>;
  /** `warn` takes log lines about problems that fail nothing (one unreadable VM). */
  driverFor(
    session: LinkSession,
    timing: LinkTiming,
    warn: (message: string, detail?: string) => void,
  ): HypervisorDriver;
  random?: () => number;
}

export interface LinkMachineDeps {
  trustedKeys: TrustedKeys;
  listener: HostLinkListener;
  timing?: Partial<LinkTiming>;
  /** Overrides `timing.pollMs`, read before each poll: the admin's setting, which may change. */
  pollMs?: () => number;
}
