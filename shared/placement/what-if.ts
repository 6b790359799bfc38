/**
 * "What if these VMs went there?": the answer colours drop targets while a VM is dragged, so a
 * session compiles the fleet once and each question only touches the hosts involved. A set of VMs
 * can move together (they stop counting on their sources before any target is checked).
 */
import { PlacementInputError } from './input-error';
import { compileInput, RESOURCES, type CompiledInput } from './compiled-input';
import type { PlacementInput } from './input-types';
import type { RefusalCode } from '../domain/reason';
import type { Assignment, Headroom, WhatIfAnswer, WhatIfMove } from './plan-types';
import * as codes from './refusal-codes';
import { refusalOf } from './refusal-of';
import * as rules from './rules';
import * as score from './score';
import { PlacementState } from './state';

// Local copies: transpilers turn imported bindings into getter calls (see choose-host.ts).
const { firstRefusal, refusalMask, strandedBy } = rules;
const { scoreHost, headroomOf } = score;
const { codesOf, refusalName, OK, R_PARTNER } = codes;

/** A fleet and where its VMs are, ready for many what-if questions. */
export interface WhatIfSession {
  readonly fleet: CompiledInput;
  readonly state: PlacementState;
}

/** One VM of a what-if question. */
export interface WhatIfRequestMove {
  vm: string;
  host: string;
}

/**
 * A session over `input`, with VMs where `assignments` puts them (e.g. a plan's), else where the
 * input says.
 * @throws PlacementInputError on a bad input or an assignment naming an unknown VM or host.
 */
export function createWhatIfSession(
  input: PlacementInput,
  assignments?: readonly Assignment[],
): WhatIfSession {
  const fleet = compileInput(input);
  if (assignments === undefined) return { fleet, state: new PlacementState(fleet) };
  const hosts = new Int32Array(fleet.vmIds.length).fill(-1);
  assignments.forEach((a, i) => {
    hosts[vmOf(fleet, a.vm, `assignments[${i}].vm`)] = hostOf(
      fleet,
      a.host,
      `assignments[${i}].host`,
    );
  });
  return { fleet, state: new PlacementState(fleet, hosts) };
}

/**
 * First hard rule broken by moving `vm` to `host`, or null when it fits (or is already there).
 * No allocation: this is what runs for every host under the pointer during a drag.
 */
export function whatIfVerdict(
  session: WhatIfSession,
  vm: string,
  host: string,
): RefusalCode | null {
  const { fleet, state } = session;
  const v = vmOf(fleet, vm, 'vm');
  const h = hostOf(fleet, host, 'host');
  const from = state.vmHost[v]!;
  if (from === h) return null;
  if (from >= 0) state.unassign(v);
  let code = firstRefusal(state, v, h, from);
  if (code === OK && strandedBy(state, v, from) >= 0) code = R_PARTNER;
  if (from >= 0) state.assign(v, from);
  return code === OK ? null : refusalName(code);
}

/** Verdict codes of `vm` on every host, for colouring them all at the start of a drag (0 = fits). */
export function whatIfAllHosts(session: WhatIfSession, vm: string, out?: Uint8Array): Uint8Array {
  const { fleet, state } = session;
  const v = vmOf(fleet, vm, 'vm');
  const res = out ?? new Uint8Array(fleet.hosts.length);
  const from = state.vmHost[v]!;
  if (from >= 0) state.unassign(v);
  const strands = strandedBy(state, v, from) >= 0;
  for (let h = 0; h < fleet.hosts.length; h++) {
    const code = h === from ? OK : firstRefusal(state, v, h, from);
    res[h] = code === OK && strands && h !== from ? R_PARTNER : code;
  }
  if (from >= 0) state.assign(v, from);
  return res;
}

/**
 * Full answer for a set of VMs moving together: each move's broken rules, its soft-score change
 * (target minus current host, in the fleet's mode) and every target's headroom afterwards.
 * The session is left as it was.
 */
export function whatIf(session: WhatIfSession, moves: readonly WhatIfRequestMove[]): WhatIfAnswer {
  const { fleet, state } = session;
  const pack = fleet.mode === 'pack';
  const vms = moves.map((m, i) => vmOf(fleet, m.vm, `moves[${i}].vm`));
  const targets = moves.map((m, i) => hostOf(fleet, m.host, `moves[${i}].host`));
  if (new Set(vms).size !== vms.length)
    throw new PlacementInputError('moves', 'a VM appears twice');
  const sources = vms.map((v) => state.unassign(v));
  const answers: WhatIfMove[] = [];
  let total = 0;
  vms.forEach((v, i) => {
    const h = targets[i]!;
    const from = sources[i]!;
    const mask = from === h ? 0 : refusalMask(state, v, h, from);
    const delta =
      scoreHost(state, v, h, pack, null) - (from >= 0 ? scoreHost(state, v, from, pack, null) : 0);
    total += delta;
    answers.push({
      vm: fleet.vmIds[v] ?? '',
      from: from >= 0 ? (fleet.hosts[from]?.id ?? '') : null,
      to: fleet.hosts[h]?.id ?? '',
      ok: mask === 0,
      refusals: codesOf(mask).map((c) => refusalOf(state, v, h, c, from)),
      scoreDelta: round(delta),
    });
    state.assign(v, h);
  });
  // Only once every VM has moved: a partner moving along with its dependents strands nobody.
  vms.forEach((v, i) => {
    const from = sources[i]!;
    const w = from === targets[i] ? -1 : strandedBy(state, v, from);
    if (w < 0) return;
    const move = answers[i]!;
    move.ok = false;
    const partner = fleet.vmIds[w] ?? '';
    move.refusals.push({ code: 'partner-leaves', host: move.to, vm: partner });
  });
  const headroom = [...new Set(targets)].map((h) => headroomAfter(session, h));
  vms.forEach((v, i) => {
    state.unassign(v);
    if (sources[i]! >= 0) state.assign(v, sources[i]!);
  });
  return { ok: answers.every((a) => a.ok), moves: answers, scoreDelta: round(total), headroom };
}

/** Moves `vm` to `host` in the session (after a migration succeeded), without any check. */
export function applyMove(session: WhatIfSession, vm: string, host: string): void {
  const v = vmOf(session.fleet, vm, 'vm');
  session.state.unassign(v);
  session.state.assign(v, hostOf(session.fleet, host, 'host'));
}

function headroomAfter(session: WhatIfSession, h: number): Headroom {
  const { fleet, state } = session;
  const o = h * RESOURCES;
  return {
    host: fleet.hosts[h]?.id ?? '',
    cpu: round(state.free[o]!),
    memoryMiB: round(state.free[o + 1]!),
    diskGiB: fleet.invCap[o + 2] === 0 ? null : round(state.free[o + 2]!),
    fraction: round(headroomOf(state, h)),
  };
}

function vmOf(f: CompiledInput, id: string, field: string): number {
  const v = f.vmIndex.get(id);
  if (v === undefined) throw new PlacementInputError(field, `unknown VM '${id}'`);
  return v;
}

function hostOf(f: CompiledInput, id: string, field: string): number {
  const h = f.hostIndex.get(id);
  if (h === undefined) throw new PlacementInputError(field, `unknown host '${id}'`);
  return h;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
