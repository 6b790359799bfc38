/**
 * Empties hosts (maintenance, or a host confirmed lost) with as few moves as possible: only the
 * VMs on those hosts move, except when one of them fits nowhere and a single other VM can step
 * aside to make room (two moves instead of a VM left down).
 */
import { buildPlan } from './build-plan';
import { Choice, TOP, chooseHost } from './choose-host';
import { now as clock } from './clock';
import { DecisionLog } from './explain-choice';
import { compileInput, RESOURCES } from './compiled-input';
import { PlacementInputError } from './input-error';
import type { PlacementInput } from './input-types';
import { appSizes, colocationDepths } from './order';
import type { PlanOptions } from './place';
import type { PlacementPlan, UnplacedVm } from './plan-types';
import * as C from './refusal-codes';
import { refusalMask, shortBy, strandedBy } from './rules';
import { PlacementState } from './state';
import { explainUnplaced } from './unplaced';

/** What to evacuate. */
export interface EvacuateOptions extends PlanOptions {
  /** Ids of the hosts to empty; they receive nothing in the plan. */
  hosts: readonly string[];
  /**
   * Hosts a VM must not go to, by VM id, for a reason the engine does not see (the caller's: a
   * volume of its disk's name already in the target's pool). Such a host is passed over for that
   * VM alone; a VM with nowhere else to go is unplaced, the caller saying why.
   */
  avoid?: ReadonlyMap<string, ReadonlySet<string>>;
}

const RESOURCE_BITS = C.bit(C.R_CPU) | C.bit(C.R_MEMORY) | C.bit(C.R_DISK);
/** Bounds on the search for a VM to step aside, so a hopeless case stays fast. */
const ASIDE_HOSTS = 16;
const ASIDE_VMS = 8;

/**
 * Re-places every VM of the given hosts on the others. VMs of a host that is `down` are restarts
 * (no migration path needed); the others are live migrations. Other VMs without a host are left
 * out of this plan.
 * @throws PlacementInputError on a bad input or an unknown host id.
 */
export function evacuate(input: PlacementInput, options: EvacuateOptions): PlacementPlan {
  const now = options.now ?? clock;
  const startedAt = now();
  const fleet = compileInput(input);
  const s = new PlacementState(fleet);
  options.hosts.forEach((id, i) => {
    const h = fleet.hostIndex.get(id);
    if (h === undefined) throw new PlacementInputError(`hosts[${i}]`, `unknown host '${id}'`);
    s.closed[h] = 1;
  });
  const size = appSizes(fleet);
  const prio = fleet.priority;
  const leaving: number[] = [];
  for (let v = 0; v < fleet.vmIds.length; v++) {
    const h = s.vmHost[v]!;
    if (h >= 0 && s.closed[h] === 1) leaving.push(v);
  }
  const app = (v: number): number => fleet.vmApp[v]!;
  const depth = colocationDepths(fleet);
  // Partners before the VMs that must follow them, then as `place` orders VMs.
  leaving.sort(
    (x, y) =>
      prio[app(y)]! - prio[app(x)]! ||
      depth[app(x)]! - depth[app(y)]! ||
      size[app(y)]! - size[app(x)]! ||
      x - y,
  );
  const sources = leaving.map((v) => s.unassign(v));
  const explain = options.explain ?? true;
  const choice = new Choice(explain ? TOP : 1);
  const log = new DecisionLog(leaving.length);
  const unplaced: UnplacedVm[] = [];
  const avoided = avoidedHosts(fleet.hostIndex, fleet.vmIds, options.avoid);
  leaving.forEach((v, i) => {
    const source = sources[i]!;
    const h = chooseHost(s, v, source, choice, acceptFor(avoided, v));
    if (h >= 0) {
      if (explain) log.record(s, v, choice);
      s.assign(v, h);
    } else if (!stepAside(s, v, source, choice, avoided)) {
      unplaced.push(explainUnplaced(s, v, source));
    }
  });
  const evacuated = [...options.hosts];
  const explanations = log.explanations(fleet);
  return buildPlan(s, { operation: 'evacuate', unplaced, explanations, startedAt, now, evacuated });
}

/** The caller's avoided hosts as engine indices, by VM index (unknown ids are ignored). */
function avoidedHosts(
  hostIndex: ReadonlyMap<string, number>,
  vmIds: readonly string[],
  avoid: EvacuateOptions['avoid'],
): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  if (avoid === undefined || avoid.size === 0) return out;
  vmIds.forEach((id, v) => {
    const hosts = avoid.get(id);
    if (hosts === undefined) return;
    const set = new Set<number>();
    for (const host of hosts) {
      const h = hostIndex.get(host);
      if (h !== undefined) set.add(h);
    }
    if (set.size > 0) out.set(v, set);
  });
  return out;
}

function acceptFor(avoided: ReadonlyMap<number, ReadonlySet<number>>, v: number) {
  const hosts = avoided.get(v);
  return hosts === undefined ? null : (h: number): boolean => !hosts.has(h);
}

// Finds a host where `v` fails on resources only, and a VM there that can move elsewhere and free
// enough; does both moves. Hosts with the smallest shortfall are tried first. Neither VM goes to a
// host it avoids.
function stepAside(
  s: PlacementState,
  v: number,
  source: number,
  choice: Choice,
  avoided: ReadonlyMap<number, ReadonlySet<number>>,
): boolean {
  const f = s.fleet;
  const a = f.vmApp[v]!;
  const candidates: { h: number; short: number }[] = [];
  for (let h = 0; h < f.hosts.length; h++) {
    if (avoided.get(v)?.has(h) === true) continue;
    const m = refusalMask(s, v, h, source);
    if (m === 0 || (m & ~RESOURCE_BITS) !== 0) continue;
    let short = 0;
    for (let r = 0; r < RESOURCES; r++) short += shortBy(s, a, h, r) * f.invCap[h * RESOURCES + r]!;
    candidates.push({ h, short });
  }
  candidates.sort((x, y) => x.short - y.short || x.h - y.h);
  for (const { h } of candidates.slice(0, ASIDE_HOSTS)) {
    const others = s.vmsOn(h).filter((w) => f.vmInitialHost[w] === h);
    for (const w of others.slice(0, ASIDE_VMS)) {
      s.unassign(w);
      if (strandedBy(s, w, h) < 0 && refusalMask(s, v, h, source) === 0) {
        s.assign(v, h);
        const away = avoided.get(w);
        const to = chooseHost(s, w, h, choice, (t) => t !== h && away?.has(t) !== true);
        if (to >= 0) {
          s.assign(w, to);
          return true;
        }
        s.unassign(v);
      }
      s.assign(w, h);
    }
  }
  return false;
}
