/**
 * "Why host A, not B": the chosen host and the runners-up of each decision, with each criterion.
 * Decisions are recorded right after `chooseHost` and before the VM is assigned, so the scores are
 * those the engine compared. They go into flat arrays first: pack mode makes two attempts and only
 * the winner's decisions become objects.
 */
import { TOP, type TopHosts } from './top-hosts';
import type { CompiledInput } from './compiled-input';
import type { CriterionScores, Explanation } from './plan-types';
import * as score from './score';
import type { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { S_CAPACITY, S_COLOCATE, S_IN_USE, S_SPREAD, scoreHost } = score;

/** Criteria stored per host of a decision: capacity, inUse, spread, colocate, total. */
const C = 5;

/** The decisions of one operation, in order. */
export class DecisionLog {
  private readonly vm: Int32Array;
  private readonly hosts: Int32Array;
  private readonly counts: Uint8Array;
  private readonly criteria: Float64Array;
  private readonly buffer = new Float64Array(4);
  /** Decisions recorded; lower it to forget the last ones (a service rolled back). */
  length = 0;

  constructor(capacity: number) {
    this.vm = new Int32Array(capacity);
    this.hosts = new Int32Array(capacity * TOP);
    this.counts = new Uint8Array(capacity);
    this.criteria = new Float64Array(capacity * TOP * C);
  }

  /** Records the decision in `choice` for VM `v` (not assigned yet). */
  record(s: PlacementState, v: number, choice: TopHosts): void {
    const i = this.length++;
    const pack = s.fleet.mode === 'pack';
    this.vm[i] = v;
    this.counts[i] = choice.count;
    for (let k = 0; k < choice.count; k++) {
      const h = choice.hosts[k]!;
      const total = scoreHost(s, v, h, pack, this.buffer);
      const o = (i * TOP + k) * C;
      this.hosts[i * TOP + k] = h;
      this.criteria[o] = this.buffer[S_CAPACITY]!;
      this.criteria[o + 1] = this.buffer[S_IN_USE]!;
      this.criteria[o + 2] = this.buffer[S_SPREAD]!;
      this.criteria[o + 3] = this.buffer[S_COLOCATE]!;
      this.criteria[o + 4] = total;
    }
  }

  /** The recorded decisions as explanations. */
  explanations(f: CompiledInput): Explanation[] {
    const out: Explanation[] = [];
    for (let i = 0; i < this.length; i++) {
      const scored = [];
      for (let k = 0; k < this.counts[i]!; k++) {
        const host = f.hosts[this.hosts[i * TOP + k]!]?.id ?? '';
        scored.push({ host, criteria: this.criteriaAt((i * TOP + k) * C) });
      }
      const [best, ...runnersUp] = scored;
      if (best === undefined) continue;
      out.push({
        vm: f.vmIds[this.vm[i]!] ?? '',
        host: best.host,
        criteria: best.criteria,
        runnersUp,
      });
    }
    return out;
  }

  private criteriaAt(o: number): CriterionScores {
    const c = this.criteria;
    return {
      capacity: round(c[o]!),
      inUse: c[o + 1]!,
      spread: c[o + 2]!,
      colocate: c[o + 3]!,
      total: round(c[o + 4]!),
    };
  }
}

/** Four decimals: enough to see why, and plans stay byte-identical across runs. */
export const round = (x: number): number => Math.round(x * 1e4) / 1e4;
