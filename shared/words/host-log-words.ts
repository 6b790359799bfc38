import type { HostState } from '../domain/host';
import type { LogLevel } from '../domain/log';

/** What the event log says when a host reaches a state ("hv1: unreachable"), and how loud. */
export const HOST_LOG_WORDS: Readonly<Record<HostState, { level: LogLevel; text: string }>> = {
  connecting: { level: 'info', text: 'connecting' },
  connected: { level: 'info', text: 'connected' },
  'hypervisor-problem': { level: 'warning', text: 'connected, but its hypervisor has a problem' },
  unreachable: { level: 'error', text: 'unreachable' },
  'auth-failed': { level: 'error', text: 'refused our key' },
  'host-key-unknown': {
    level: 'info',
    text: 'presented a host key that waits for your confirmation',
  },
  'host-key-changed': {
    level: 'error',
    text: 'presented a different host key than the one accepted: refused',
  },
  disconnected: { level: 'info', text: 'disconnected' },
};
