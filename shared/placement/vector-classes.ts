/**
 * The classic two-dimensional vector packing benchmark classes, generated as fleets: each item is
 * a VM (dimension 1 = vCPUs, dimension 2 = memory), each bin a host with no overcommit and no disk.
 *
 * The ten classes of Caprara & Toth, "Lower bounds and algorithms for the 2-dimensional vector
 * packing problem", Discrete Applied Mathematics 111 (2001) 231–262 (classes 1–5, 7–9 follow
 * Spieksma 1994), as summarised in the literature that reuses them; w = dimension 1, v = 2,
 * all integers drawn uniformly:
 *
 * | class | bin (both dims) | items                                                     |
 * | ----- | --------------- | --------------------------------------------------------- |
 * | 1     | 1000            | w, v in [100, 400]                                        |
 * | 2     | 1000            | w, v in [1, 1000]                                         |
 * | 3     | 1000            | w, v in [200, 800]                                        |
 * | 4     | 1000            | w, v in [50, 200]                                         |
 * | 5     | 1000            | w, v in [25, 100]                                         |
 * | 6     | 150             | w, v in [20, 100]                                         |
 * | 7     | 150             | w in [20, 100], v in [w − 10, w + 10] (positively correlated) |
 * | 8     | 150             | w in [20, 100], v in [110 − w, 130 − w] (negatively correlated) |
 * | 9     | per dim: ⌈total / L⌉, L = ⌈max total / 1000⌉ | w, v in [100, 400]           |
 * | 10    | 100             | triplets: two items in [25, 50] per dim, the third fills the bin |
 *
 * Class 10 has a perfect packing (n/3 hosts). A zero-sized third item would not be a valid VM,
 * so its pair is drawn again (a small departure from the original). Memory is in units of 256 MiB
 * so that the figures look like hosts; the scale changes nothing in the packing.
 */
import type { PlacementApplication, PlacementHost, PlacementInput } from './input-types';
import { prng } from './random-input';

/** One item of a class: its two sizes. */
type Item = readonly [number, number];

/** MiB per unit of dimension 2. */
const MEMORY_UNIT = 256;

/** The class numbers, 1–10. */
export const VECTOR_CLASSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * A pack-mode fleet of class `cls` with `vms` VMs (a multiple of 3 for class 10), seeded, and as
 * many hosts as VMs (each VM fits on a host alone).
 */
export function vectorClassFleet(cls: number, vms: number, seed: number): PlacementInput {
  const rnd = prng(seed * 1009 + cls);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const { items, cap } = generate(cls, vms, int);
  const hosts: PlacementHost[] = Array.from({ length: items.length }, (_, i) => ({
    id: `h${i}`,
    capacity: { cpu: cap[0], memoryMiB: cap[1] * MEMORY_UNIT },
  }));
  const applications: PlacementApplication[] = items.map(([w, v], i) => ({
    id: `c${cls}-${i}`,
    vcpus: w,
    memoryMiB: v * MEMORY_UNIT,
  }));
  return { version: 1, hosts, applications, policy: { mode: 'pack' } };
}

function generate(
  cls: number,
  n: number,
  int: (lo: number, hi: number) => number,
): { items: Item[]; cap: Item } {
  const uniform = (lo: number, hi: number): Item[] =>
    Array.from({ length: n }, () => [int(lo, hi), int(lo, hi)] as const);
  switch (cls) {
    case 1:
      return { items: uniform(100, 400), cap: [1000, 1000] };
    case 2:
      return { items: uniform(1, 1000), cap: [1000, 1000] };
    case 3:
      return { items: uniform(200, 800), cap: [1000, 1000] };
    case 4:
      return { items: uniform(50, 200), cap: [1000, 1000] };
    case 5:
      return { items: uniform(25, 100), cap: [1000, 1000] };
    case 6:
      return { items: uniform(20, 100), cap: [150, 150] };
    case 7:
    case 8: {
      const items = Array.from({ length: n }, () => {
        const w = int(20, 100);
        return [w, cls === 7 ? int(w - 10, w + 10) : int(110 - w, 130 - w)] as const;
      });
      return { items, cap: [150, 150] };
    }
    case 9: {
      const items = uniform(100, 400);
      const total = [0, 1].map((d) => items.reduce((s, it) => s + it[d]!, 0));
      const bins = Math.ceil(Math.max(...total) / 1000);
      return { items, cap: [Math.ceil(total[0]! / bins), Math.ceil(total[1]! / bins)] };
    }
    case 10:
      return { items: triplets(n, int), cap: [100, 100] };
    default:
      throw new RangeError(`vector packing class ${cls}: expected 1 to 10`);
  }
}

// n/3 bins filled exactly: two items in [25, 50] per dimension, the third what is left.
function triplets(n: number, int: (lo: number, hi: number) => number): Item[] {
  if (n % 3 !== 0)
    throw new RangeError(`vector packing class 10: ${n} VMs, expected a multiple of 3`);
  const items: Item[] = [];
  while (items.length < n) {
    const a: Item = [int(25, 50), int(25, 50)];
    const b: Item = [int(25, 50), int(25, 50)];
    const c: Item = [100 - a[0] - b[0], 100 - a[1] - b[1]];
    if (c[0] > 0 && c[1] > 0) items.push(a, b, c);
  }
  return items;
}
