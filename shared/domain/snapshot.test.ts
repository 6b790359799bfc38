import { describe, expect, it } from 'vitest';
import { descendantsOf, SnapshotName, snapshotTree, type VmSnapshot } from './snapshot';

const snap = (name: string, parent?: string, createdAt = 0): VmSnapshot => ({
  name,
  ...(parent === undefined ? {} : { parent }),
  createdAt,
  state: 'running',
  memory: true,
  location: 'internal',
  current: false,
});

describe('the snapshot tree', () => {
  it('parents before children, siblings oldest first, with depth', () => {
    const rows = snapshotTree([
      snap('c', 'a', 3),
      snap('b', 'a', 2),
      snap('a', undefined, 1),
      snap('d', 'b', 4),
    ]);
    expect(rows.map((r) => `${r.depth}${r.snapshot.name}`)).toEqual(['0a', '1b', '2d', '1c']);
  });

  it('hostile input: a missing parent makes a root, a cycle and a self-parent are shown once each', () => {
    const rows = snapshotTree([
      snap('x', 'gone', 1),
      snap('p', 'q', 2),
      snap('q', 'p', 3),
      snap('s', 's', 4),
    ]);
    expect(rows.map((r) => r.snapshot.name).sort()).toEqual(['p', 'q', 's', 'x']);
    expect(rows.find((r) => r.snapshot.name === 'x')?.depth).toBe(0);
  });

  it('descendants: every level, each once, even in a cycle', () => {
    const list = [snap('a'), snap('b', 'a'), snap('c', 'b'), snap('d', 'a'), snap('e')];
    expect(descendantsOf(list, 'a').sort()).toEqual(['b', 'c', 'd']);
    expect(descendantsOf([snap('p', 'q'), snap('q', 'p')], 'p')).toEqual(['q']);
  });
});

describe('snapshot names', () => {
  it('takes quotes, spaces and $(…); refuses blank, padded, multi-line, "/", " and \\', () => {
    expect(SnapshotName.safeParse("it's before; $(id)").success).toBe(true);
    for (const bad of ['', '   ', ' x', 'a\nb', 'a/b', 'a"b', 'a\\b', 'x'.repeat(101)]) {
      expect(SnapshotName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
