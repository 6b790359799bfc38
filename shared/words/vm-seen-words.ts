import type { VmState } from '../domain/vm';
import { VM_STATE_WORDS } from './index';

/** "10:42", local time: when a lost host's VM was last seen. */
function hourMinute(epochMs: number): string {
  const at = new Date(epochMs);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * What a VM on a host the console does not reach was last seen doing: "last seen running at 10:42"
 * (no time when the host never answered).
 */
export function lastSeenWords(state: VmState, lastSeen: number | undefined): string {
  const what = `last seen ${VM_STATE_WORDS[state].phrase}`;
  return lastSeen === undefined ? what : `${what} at ${hourMinute(lastSeen)}`;
}
