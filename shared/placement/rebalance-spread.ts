/**
 * Spread rebalance: repeatedly move one VM off the host with the least headroom to the host where
 * it leaves the most, when the lower of the two headrooms after the move beats the source's
 * headroom before it by more than the hysteresis. The sorted vector of headrooms then grows
 * strictly with each move, so no sequence of moves can cycle (no ping-pong).
 */
import { RESOURCES, UP } from './compiled-input';
import { appSizes } from './order';
import { origin, softScore, vmsBySize } from './rebalance-helpers';
import { OK } from './refusal-codes';
import { firstRefusal, strandedBy } from './rules';
import { headroomOf } from './score';
import type { PlacementState } from './state';

/** Moves VMs to raise the lowest headrooms; returns whether the budget cut it short. */
export function rebalanceSpread(s: PlacementState, budget: number): { truncated: boolean } {
  const f = s.fleet;
  const size = appSizes(f);
  const buf = new Float64Array(4);
  const H = f.hosts.length;
  const room = new Float64Array(H);
  for (let left = budget; ; left--) {
    const hosts: number[] = [];
    for (let h = 0; h < H; h++) {
      if (f.hostState[h] !== UP) continue;
      room[h] = headroomOf(s, h);
      hosts.push(h);
    }
    hosts.sort((x, y) => room[x]! - room[y]! || x - y);
    const move = bestMove(s, hosts, room, size, buf);
    if (move === null) return { truncated: false };
    if (left === 0) return { truncated: true };
    s.unassign(move.vm);
    s.assign(move.vm, move.to);
  }
}

function bestMove(
  s: PlacementState,
  hosts: number[],
  room: Float64Array,
  size: Float64Array,
  buf: Float64Array,
): { vm: number; to: number } | null {
  const f = s.fleet;
  const hysteresis = f.hysteresis;
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    const before = room[h]!;
    let best: { vm: number; to: number } | null = null;
    let bestGain = hysteresis;
    for (const v of vmsBySize(s, h, size)) {
      s.unassign(v);
      if (strandedBy(s, v, h) >= 0) {
        s.assign(v, h);
        continue;
      }
      const after = headroomOf(s, h);
      const from = origin(s, v);
      const soft = softScore(s, v, h, buf);
      // Only hosts already roomier than the source by the hysteresis can gain enough.
      for (let j = hosts.length - 1; j > i && room[hosts[j]!]! > before + hysteresis; j--) {
        const t = hosts[j]!;
        if (firstRefusal(s, v, t, from) !== OK || softScore(s, v, t, buf) < soft) continue;
        const gain = Math.min(after, headroomWith(s, v, t)) - before;
        if (gain > bestGain || (gain === bestGain && best !== null && t < best.to)) {
          bestGain = gain;
          best = { vm: v, to: t };
        }
      }
      s.assign(v, h);
    }
    if (best !== null) return best;
  }
  return null;
}

// Headroom of host `t` if VM `v` were added.
function headroomWith(s: PlacementState, v: number, t: number): number {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  let min = 1;
  for (let r = 0; r < RESOURCES; r++) {
    const inv = f.invCap[t * RESOURCES + r]!;
    if (inv === 0) continue;
    const frac = (s.free[t * RESOURCES + r]! - f.demand[a * RESOURCES + r]!) * inv;
    if (frac < min) min = frac;
  }
  return min;
}
