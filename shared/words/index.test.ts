import { describe, expect, it } from 'vitest';
import { formatClock, formatMemory, hostUnusable, plural, VM_STATE_WORDS } from '.';

describe('words', () => {
  it('writes memory in MiB below 1 GiB and with one decimal from there', () => {
    expect(formatMemory(64)).toBe('64 MiB');
    expect(formatMemory(1023.6)).toBe('1024 MiB');
    expect(formatMemory(1024)).toBe('1.0 GiB');
    expect(formatMemory(5728)).toBe('5.6 GiB');
    expect(formatMemory(-2048)).toBe('-2.0 GiB');
    expect(formatMemory(3 * 1024 * 1024)).toBe('3.0 TiB');
  });

  it('agrees a count with its noun', () => {
    expect(plural(1, 'warning')).toBe('1 warning');
    expect(plural(2, 'warning')).toBe('2 warnings');
    expect(plural(0, 'replica')).toBe('0 replicas');
    expect(plural(3, 'warning or error', 'warnings or errors')).toBe('3 warnings or errors');
  });

  it('writes a clock time one way: 24-hour HH:MM:SS', () => {
    expect(formatClock(new Date(2026, 11, 5, 7, 4, 9).getTime())).toBe('07:04:09');
    expect(formatClock(new Date(2026, 11, 5, 19, 30, 0).getTime())).toBe('19:30:00');
  });

  it('says host and VM states in words, never their raw names', () => {
    expect(hostUnusable('hv3', 'hypervisor-problem')).toBe(
      'hv3 is connected, but its hypervisor has a problem',
    );
    expect(hostUnusable('hv3', 'auth-failed')).toBe('hv3 is refusing our key');
    expect(`web-1 is ${VM_STATE_WORDS['shutting-down'].phrase}`).toBe('web-1 is shutting down');
  });
});
