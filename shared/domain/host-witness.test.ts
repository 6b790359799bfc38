import { describe, expect, it } from 'vitest';
import { isWitnessedDown, witnessOf, type WitnessAnswer } from './host-witness';
import type { HostId } from './ids';

const answers = (...pairs: [string, WitnessAnswer][]) =>
  pairs.map(([hostId, answer]) => ({ hostId: hostId as HostId, answer }));

describe('host witness verdict', () => {
  it('one peer that reaches the host makes it a partition, whatever the others say', () => {
    const w = witnessOf(answers(['hv1', 'silent'], ['hv2', 'reaches'], ['hv4', 'unasked']), 7);
    expect(w).toEqual({
      verdict: 'partition',
      alive: ['hv2'],
      dead: ['hv1'],
      refused: [],
      unasked: ['hv4'],
      checkedAt: 7,
    });
    expect(isWitnessedDown(w)).toBe(false);
  });

  it('every peer that answered got nothing: unreachable from all, witnessed down', () => {
    const w = witnessOf(answers(['hv1', 'silent'], ['hv2', 'silent'], ['hv4', 'unasked']), 1);
    expect(w.verdict).toBe('unreachable-from-all');
    expect(w.dead).toEqual(['hv1', 'hv2']);
    expect(isWitnessedDown(w)).toBe(true);
  });

  it('a refused connection proves the machine is up: never "down"', () => {
    const w = witnessOf(answers(['hv1', 'silent'], ['hv2', 'refused']), 1);
    expect(w.verdict).toBe('ssh-closed');
    expect(isWitnessedDown(w)).toBe(false);
  });

  it('no peer, or none that could be asked: no witness', () => {
    expect(witnessOf([], 1).verdict).toBe('no-witness');
    const w = witnessOf(answers(['hv1', 'unasked']), 1);
    expect(w.verdict).toBe('no-witness');
    expect(w.unasked).toEqual(['hv1']);
    expect(isWitnessedDown(w)).toBe(false);
    expect(isWitnessedDown(undefined)).toBe(false);
  });
});
