/**
 * An independent checker of plans: re-derives every capacity, label and rule from the raw input
 * with plain maps, sharing no code with the engine (it imports types only), so that the engine's
 * bugs cannot hide in both. Used by the property tests and by the CLI on every plan it prints.
 *
 * A violation is the plan's fault when it involves a VM the plan placed or moved (or a host that
 * received one); rules already broken in the input and left alone are reported as `preexisting`.
 */
import type { PlacementInput, PlacementVm } from './input-types';
import type { PlacementPlan } from './plan-types';
import { ruleViolations, type CheckContext, type Violation } from './checker-rules';

export type { Violation } from './checker-rules';

/** The parts of a plan the checker reads. */
export type CheckablePlan = Pick<PlacementPlan, 'operation' | 'assignments' | 'unplaced'> & {
  evacuated?: string[];
};

/** Outcome of {@link checkPlan}: `ok` when the plan introduces no violation. */
export interface CheckReport {
  ok: boolean;
  violations: Violation[];
  preexisting: Violation[];
}

/** Validates `plan` against `input`: ids, completeness, capacities, labels and every hard rule. */
export function checkPlan(input: PlacementInput, plan: CheckablePlan): CheckReport {
  const violations: Violation[] = [];
  const ctx = context(input, plan);
  structure(input, plan, ctx, violations);
  const found = ruleViolations(input, ctx);
  violations.push(...found.filter((v) => !v.preexisting));
  return {
    ok: violations.length === 0,
    violations,
    preexisting: found.filter((v) => v.preexisting),
  };
}

function context(input: PlacementInput, plan: CheckablePlan): CheckContext {
  const before = new Map<string, PlacementVm>((input.vms ?? []).map((v) => [v.id, v]));
  const after = new Map<string, string>();
  const appOf = new Map<string, string>();
  for (const a of plan.assignments) {
    after.set(a.vm, a.host);
    appOf.set(a.vm, a.application);
  }
  const touched = new Set<string>();
  for (const [vm, host] of after) if (before.get(vm)?.host !== host) touched.add(vm);
  return { before, after, appOf, touched };
}

function structure(
  input: PlacementInput,
  plan: CheckablePlan,
  ctx: CheckContext,
  out: Violation[],
): void {
  const hosts = new Set(input.hosts.map((h) => h.id));
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const newPerApp = new Map<string, number>();
  const add = (rule: string, message: string, vm?: string): void => {
    out.push({ rule, message, preexisting: false, ...(vm === undefined ? {} : { vm }) });
  };
  const listed = [
    ...plan.assignments.map((a) => ({ vm: a.vm, application: a.application, host: a.host })),
    ...plan.unplaced.map((u) => ({ vm: u.vm, application: u.application, host: undefined })),
  ];
  for (const { vm, application, host } of listed) {
    if (seen.has(vm)) add('duplicate-vm', `${vm} appears twice in the plan`, vm);
    seen.add(vm);
    if (host !== undefined && !hosts.has(host))
      add('unknown-host', `${vm} is on unknown host ${host}`, vm);
    if (!apps.has(application))
      add('unknown-application', `${vm} has unknown application ${application}`, vm);
    const given = ctx.before.get(vm);
    if (given === undefined) newPerApp.set(application, (newPerApp.get(application) ?? 0) + 1);
    else if (given.application !== application)
      add('application-changed', `${vm} changed application`, vm);
  }
  const evacuated = new Set(plan.evacuated ?? []);
  for (const v of input.vms ?? []) {
    const host = ctx.after.get(v.id);
    if (v.host !== undefined && host === undefined && !evacuated.has(v.host)) {
      add('lost-vm', `${v.id} was on ${v.host} and is on no host in the plan`, v.id);
    }
    if (
      plan.operation === 'place' &&
      v.host !== undefined &&
      host !== undefined &&
      host !== v.host
    ) {
      add('moved-by-place', `${v.id} moved from ${v.host} to ${host} in a place plan`, v.id);
    }
    if (plan.operation === 'place' && !seen.has(v.id))
      add('missing-vm', `${v.id} is missing from the plan`, v.id);
  }
  const given = new Map<string, number>();
  for (const v of input.vms ?? []) given.set(v.application, (given.get(v.application) ?? 0) + 1);
  for (const a of input.applications) {
    const want =
      plan.operation === 'place' ? Math.max(0, (a.replicas ?? 1) - (given.get(a.id) ?? 0)) : 0;
    const got = newPerApp.get(a.id) ?? 0;
    if (got !== want) add('replicas', `${a.id} has ${got} new VMs in the plan, expected ${want}`);
  }
  if (plan.operation === 'place') allOrNothing(input, plan, ctx, add);
}

function allOrNothing(
  input: PlacementInput,
  plan: CheckablePlan,
  ctx: CheckContext,
  add: (rule: string, message: string) => void,
): void {
  const serviceOf = new Map<string, string>();
  for (const a of input.applications) if (a.service !== undefined) serviceOf.set(a.id, a.service);
  const placed = new Map<string, number>();
  const left = new Map<string, number>();
  const count = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const a of plan.assignments) {
    const s = serviceOf.get(a.application);
    if (s !== undefined && ctx.before.get(a.vm)?.host === undefined) count(placed, s);
  }
  for (const u of plan.unplaced) {
    const s = serviceOf.get(u.application);
    if (s !== undefined) count(left, s);
  }
  for (const [s, n] of placed) {
    if ((left.get(s) ?? 0) > 0)
      add('all-or-nothing', `service ${s}: ${n} VMs placed, ${left.get(s) ?? 0} not`);
  }
}
