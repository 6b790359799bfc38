import { describe, expect, it } from 'vitest';
import { witnessOf, type WitnessAnswer } from '../domain/host-witness';
import type { HostId } from '../domain/ids';
import { namesList, witnessWords } from './witness-words';

const names: Record<string, string> = { a: 'hv1', b: 'hv2', c: 'hv4' };
const say = (...pairs: [string, WitnessAnswer][]): string =>
  witnessWords(
    witnessOf(
      pairs.map(([hostId, answer]) => ({ hostId: hostId as HostId, answer })),
      0,
    ),
    (id) => names[id] ?? id,
  );

describe('witness words', () => {
  it('says each verdict with the peers by name', () => {
    expect(say(['a', 'reaches'], ['b', 'reaches'])).toBe(
      'Unreachable from this console, alive for hv1 and hv2',
    );
    expect(say(['a', 'silent'], ['b', 'silent'])).toBe(
      'Unreachable from every witness (hv1 and hv2): down or isolated',
    );
    expect(say(['a', 'refused'])).toBe(
      'Its machine answers hv1, but its SSH port is closed: up, with sshd down',
    );
    expect(say()).toBe('No other connected host to ask whether it is down');
  });

  it('names the peers that disagree and those that could not be asked', () => {
    expect(say(['a', 'reaches'], ['b', 'silent'], ['c', 'unasked'])).toBe(
      'Unreachable from this console, alive for hv1; hv2 cannot reach it either; hv4 could not be asked',
    );
    expect(say(['c', 'unasked'])).toBe('No witness: hv4 could not be asked');
  });

  it('lists names as a sentence does', () => {
    expect(namesList([])).toBe('');
    expect(namesList(['hv1'])).toBe('hv1');
    expect(namesList(['hv1', 'hv2', 'hv3'])).toBe('hv1, hv2 and hv3');
  });
});
