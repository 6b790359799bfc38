/**
 * "Why host A, not B": the chosen host and the runners-up of one decision, with each criterion.
 * Called right after `chooseHost` and before the VM is assigned, so the scores are those the
 * engine compared.
 */
import type { Choice } from './choose-host';
import type { CriterionScores, Explanation } from './plan-types';
import * as score from './score';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { S_CAPACITY, S_COLOCATE, S_IN_USE, S_SPREAD, scoreHost } = score;

const buffer = new Float64Array(4);

/** The explanation of the decision held in `choice` for VM `v`. */
export function explainChoice(s: PlacementState, v: number, choice: Choice): Explanation {
  const pack = s.fleet.mode === 'pack';
  const scored = [];
  for (let i = 0; i < choice.count; i++) {
    const h = choice.hosts[i]!;
    scored.push({ host: s.fleet.hosts[h]?.id ?? '', criteria: criteriaOf(s, v, h, pack) });
  }
  const [best, ...runnersUp] = scored;
  return {
    vm: s.fleet.vmIds[v] ?? '',
    host: best?.host ?? '',
    criteria: best?.criteria ?? criteriaOf(s, v, 0, pack),
    runnersUp,
  };
}

/** Per-criterion scores of VM `v` on host `h` (VM assumed off its host). */
export function criteriaOf(
  s: PlacementState,
  v: number,
  h: number,
  pack: boolean,
): CriterionScores {
  const total = scoreHost(s, v, h, pack, buffer);
  return {
    capacity: round(buffer[S_CAPACITY]!),
    inUse: buffer[S_IN_USE]!,
    spread: buffer[S_SPREAD]!,
    colocate: buffer[S_COLOCATE]!,
    total: round(total),
  };
}

// Four decimals: enough to see why, and plans stay byte-identical across runs.
const round = (x: number): number => Math.round(x * 1e4) / 1e4;
