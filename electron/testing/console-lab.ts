import type { HostId } from '../../shared/domain/ids';
import { ConsoleManager } from '../core/consoles/console-manager';
import { createEventHub } from '../core/events/event-hub';
import { createLibvirtDriver } from '../core/hypervisor/libvirt/libvirt-driver';
import type { SshSession } from '../core/ssh/ssh-session';
import type { LabHost } from './lab-hosts';

/**
 * The core's console manager over a lab host's real SSH connection, with the hub its events go
 * out on and the host's libvirt driver: what a window's consoles go through, without a window.
 */
export function labConsoles(session: SshSession, host: LabHost) {
  const hub = createEventHub((error) => {
    throw error;
  });
  const driver = createLibvirtDriver({
    shell: session,
    hostId: `lab-${host.name}` as HostId,
    hostName: host.name,
    uri: host.uri,
  });
  return { hub, driver, manager: new ConsoleManager(hub) };
}
