import { HostId } from '../../shared/domain/ids';
import type { RemoteShell } from '../core/ssh/remote-shell';
import {
  DEFAULT_DRIVER_TIMEOUTS,
  type DriverContext,
} from '../core/hypervisor/libvirt/driver-context';

/**
 * A libvirt driver context for host hv1 whose shell records each command (as argv) and answers
 * every one with `code` and `stderr`: what a driver function sends, without a host.
 */
export function recordingContext(
  stderr = '',
  code = 0,
  uri = 'qemu:///system',
): { ctx: DriverContext; sent: string[][] } {
  const sent: string[][] = [];
  const shell: RemoteShell = {
    exec: (argv) => {
      sent.push([...argv]);
      return Promise.resolve({ code, stdout: '', stderr });
    },
    stream: () => Promise.reject(new Error('not used')),
  };
  const ctx: DriverContext = {
    shell,
    hostId: HostId.parse('hv1'),
    hostName: 'hv1',
    uri,
    timeouts: DEFAULT_DRIVER_TIMEOUTS,
  };
  return { ctx, sent };
}
