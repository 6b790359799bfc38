import { describe, expect, it } from 'vitest';
import { vmStateKnown } from '../domain/vm-seen';
import { lastSeenWords } from './vm-seen-words';

describe('a VM on a lost host', () => {
  it('is known only while its host is connected', () => {
    expect(vmStateKnown('connected')).toBe(true);
    for (const state of [
      'unreachable',
      'connecting',
      'hypervisor-problem',
      'disconnected',
    ] as const) {
      expect(vmStateKnown(state)).toBe(false);
    }
  });

  it('says what it was last seen doing, and when', () => {
    const at = new Date(2026, 11, 5, 10, 42, 17).getTime();
    expect(lastSeenWords('running', at)).toBe('last seen running at 10:42');
    expect(lastSeenWords('shutoff', undefined)).toBe('last seen shut off');
  });
});
