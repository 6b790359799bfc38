/** Pieces shared by the two rebalance strategies. */
import { S_COLOCATE, S_SPREAD, scoreHost } from './score';
import type { PlacementState } from './state';

/** Soft-rule part of VM `v`'s score on host `h` (VM off its host). */
export function softScore(s: PlacementState, v: number, h: number, buf: Float64Array): number {
  scoreHost(s, v, h, s.fleet.mode === 'pack', buf);
  return buf[S_SPREAD]! + buf[S_COLOCATE]!;
}

/** VMs of host `h` largest first, ties by id: the order depends on the assignment only. */
export function vmsBySize(s: PlacementState, h: number, size: Float64Array): number[] {
  const f = s.fleet;
  const id = (v: number): string => f.vmIds[v] ?? '';
  return s
    .vmsOn(h)
    .sort((x, y) => size[f.vmApp[y]!]! - size[f.vmApp[x]!]! || (id(x) < id(y) ? -1 : 1));
}

/**
 * Where VM `v` really migrates from: a VM moved twice in one plan makes one migration, from its
 * host in the input, so migration paths are checked from there.
 */
export function origin(s: PlacementState, v: number): number {
  const initial = s.fleet.vmInitialHost[v]!;
  return initial >= 0 ? initial : s.vmHost[v]!;
}
