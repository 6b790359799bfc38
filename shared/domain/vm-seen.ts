import type { HostState } from './host';

/**
 * A VM's reported state holds only while its host is connected: once the console loses the host,
 * the VM may be running, stopped or restarting, and it must not be shown (or counted) as running.
 */
export function vmStateKnown(hostState: HostState | undefined): boolean {
  return hostState === 'connected';
}
