import type { Host, HostState } from '../../../shared/domain/host';
import type { LogLine } from './event-log';

const WORDS: Record<HostState, { level: LogLine['level']; text: string }> = {
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

/** One log line when a host's state changes ("hv1: unreachable: connection refused"); none otherwise. */
export function stateChangeLine(before: Host | undefined, after: Host): LogLine | undefined {
  if (before?.state === after.state || after.state === 'connecting') return undefined;
  const words = WORDS[after.state];
  return {
    level: words.level,
    message: `${after.config.name}: ${words.text}${after.stateDetail ? `: ${after.stateDetail}` : ''}`,
  };
}
