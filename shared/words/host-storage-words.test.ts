import { describe, expect, it } from 'vitest';
import type { StoragePool } from '../domain/host-storage';
import { networkWords, poolFullness, poolSizeWords, poolStateWords } from './host-storage-words';

const GiB = 1024 ** 3;
const pool: StoragePool = {
  uuid: 'u',
  name: 'default',
  type: 'dir',
  active: true,
  autostart: true,
  capacityBytes: 252 * GiB,
  allocationBytes: 28.5 * GiB,
  availableBytes: 223.5 * GiB,
};

describe('host storage words', () => {
  it("says a pool's kind, state, free space and allocation", () => {
    expect(poolStateWords(pool)).toBe('dir · active · autostart');
    expect(poolSizeWords(pool)).toBe('223.5 GiB free of 252 GiB (28.5 GiB allocated)');
    expect(poolFullness(pool)).toBeCloseTo(28.5 / 252);
  });

  it('an inactive pool has no sizes, said so', () => {
    const off = { uuid: 'u', name: 'b', type: 'netfs', active: false, autostart: false };
    expect(poolStateWords(off)).toBe('netfs · inactive');
    expect(poolSizeWords(off)).toBe('sizes not known while inactive');
    expect(poolFullness(off)).toBeUndefined();
  });

  it('a network forwarding nothing is isolated', () => {
    expect(
      networkWords({ uuid: 'u', name: 'n', active: false, autostart: false, bridge: 'virbr1' }),
    ).toBe('isolated · bridge virbr1 · inactive');
    expect(
      networkWords({
        uuid: 'u',
        name: 'default',
        active: true,
        autostart: true,
        forward: 'nat',
        bridge: 'virbr0',
        address: '192.168.122.1/24',
      }),
    ).toBe('nat · bridge virbr0 · 192.168.122.1/24 · active · autostart');
  });
});
