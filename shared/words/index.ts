/**
 * The console's one way of writing amounts, counts, times and host states in sentences, used by
 * the core's messages and the window alike, so that "5728 MiB", "1 warnings" and
 * "(hypervisor-problem)" cannot creep back in one place at a time. The rest of this folder says
 * reasons (`reasons.ts`, `plan-words.ts`, `refusal-words.ts`) with names from one `Namer`; no module
 * outside it builds a refusal sentence (`npm run lint` refuses one).
 */
import type { HostState } from '../domain/host';
import type { VmState } from '../domain/vm';

/**
 * Memory as the README promises it: MiB below 1 GiB ("512 MiB"), GiB with one decimal from 1 GiB
 * ("5.6 GiB"), TiB with one decimal from 1 TiB.
 */
export function formatMemory(mib: number): string {
  const size = Math.abs(mib);
  if (size < 1024) return `${Math.round(mib)} MiB`;
  if (size < 1024 * 1024) return `${(mib / 1024).toFixed(1)} GiB`;
  return `${(mib / 1024 / 1024).toFixed(1)} TiB`;
}

/** A size limit in bytes as an admin would say it: `64 MiB`, `1 MiB`, `64 KiB`, `512 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** "1 warning", "2 warnings", "0 VMs": the count and the word that agrees with it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A clock time, 24-hour HH:MM:SS in local time, the same in the log, the plans and the details. */
export function formatClock(epochMs: number): string {
  const at = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** Each host state as a badge says it (capitalised) and as a sentence says it. */
export const HOST_STATE_WORDS: Readonly<Record<HostState, { label: string; phrase: string }>> = {
  connected: { label: 'Connected', phrase: 'connected' },
  connecting: { label: 'Connecting', phrase: 'still connecting' },
  unreachable: { label: 'Unreachable', phrase: 'unreachable' },
  'auth-failed': { label: 'Auth failed', phrase: 'refusing our key' },
  'host-key-unknown': {
    label: 'Verify host key',
    phrase: 'waiting for its host key to be verified',
  },
  'host-key-changed': { label: 'Host key changed', phrase: 'refused: its host key changed' },
  'hypervisor-problem': {
    label: 'Hypervisor problem',
    phrase: 'connected, but its hypervisor has a problem',
  },
  disconnected: { label: 'Disconnected', phrase: 'disconnected' },
};

/** Why a host takes no VM and runs no action, in words: "hv3 is unreachable". */
export function hostUnusable(name: string, state: HostState): string {
  return `${name} is ${HOST_STATE_WORDS[state].phrase}`;
}

/** Each VM state as a badge says it and as a sentence says it ("web-1 is shut off"). */
export const VM_STATE_WORDS: Readonly<Record<VmState, { label: string; phrase: string }>> = {
  running: { label: 'Running', phrase: 'running' },
  paused: { label: 'Paused', phrase: 'paused' },
  suspended: { label: 'Suspended', phrase: 'suspended' },
  shutoff: { label: 'Shut off', phrase: 'shut off' },
  'shutting-down': { label: 'Shutting down', phrase: 'shutting down' },
  blocked: { label: 'Blocked', phrase: 'blocked' },
  crashed: { label: 'Crashed', phrase: 'crashed' },
  unknown: { label: 'Unknown', phrase: 'in an unknown state' },
};
