import type { HostId } from '../../../shared/domain/ids';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import { hostName, operations, waitConnected } from './plan-hosts';
import type { PlanJournal } from './plan-journal';
import { settleStep } from './settle-step';

export interface ReconcileDeps {
  journal: PlanJournal;
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
}

/**
 * At start-up: a plan the journal shows running was cut off when the console stopped. Its running
 * steps become `unknown` and the plan `interrupted`, on disk, before anything else may run.
 */
export async function markInterrupted(journal: PlanJournal, log: EventLog): Promise<Plan[]> {
  const found: Plan[] = [];
  for (const plan of journal.all()) {
    const cut = plan.steps.filter((s) => s.status === 'running');
    if (plan.status !== 'running' && cut.length === 0) continue;
    for (const step of cut) {
      step.status = 'unknown';
      delete step.progress;
    }
    if (plan.status === 'running' || plan.status === 'review') {
      plan.status = 'interrupted';
      plan.error = new AppError(
        'cancelled',
        'The console stopped while this plan ran; it was checked against the hosts: resume it or roll it back',
        { retryable: true },
      ).toData();
    }
    await journal.save(plan);
    log.append({
      level: 'warning',
      message: `Plan “${plan.title}” was interrupted when the console stopped (${cut.length} step(s) were running)`,
    });
    found.push(plan);
  }
  return found;
}

/** The steps reconcile decides: unknown ones, and pending ones (done by someone meanwhile?). */
function undecided(plan: Plan): PlanStep[] {
  return plan.steps.filter((s) => s.status === 'unknown' || s.status === 'pending');
}

/** Hosts whose lists decide the plan's undecided steps. */
export function hostsOf(steps: readonly PlanStep[]): HostId[] {
  const ids = new Set<HostId>();
  for (const step of steps) {
    ids.add(step.hostId);
    if (step.targetHostId !== undefined) ids.add(step.targetHostId);
  }
  return [...ids];
}

/**
 * Settle the plan's unknown and pending steps from what its hosts report, waiting (bounded) for
 * them to connect. Steps are taken in dependency order and a pending one is marked done only once
 * all it waits for is done: a VM absent from a host says nothing about a step that could not run.
 */
export async function settlePlan(
  plan: Plan,
  deps: ReconcileDeps,
  options: { hostWaitMs: number; signal?: AbortSignal },
): Promise<void> {
  const steps = undecided(plan);
  if (steps.length === 0) return;
  const hosts = hostsOf(steps);
  const lists = new Map<HostId, readonly Vm[]>();
  /** Hosts that connected but whose listing failed: their steps stay unknown, and the log says why. */
  const failed = new Map<HostId, AppError>();
  await Promise.all(
    hosts.map(async (hostId) => {
      if (!(await waitConnected(deps, hostId, options.hostWaitMs, options.signal))) return;
      try {
        lists.set(hostId, await (await operations(deps.hosts, hostId)).refresh());
      } catch (error) {
        failed.set(hostId, AppError.from(error));
      }
    }),
  );
  if (options.signal?.aborted) return;
  const name = (id: HostId): string => hostName(deps.hosts, id);
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const settled = new Set<string>();
  const visit = (step: PlanStep): void => {
    if (settled.has(step.id)) return;
    settled.add(step.id);
    for (const id of step.after) {
      const before = byId.get(id);
      if (before) visit(before);
    }
    if (step.status !== 'unknown' && step.status !== 'pending') return;
    const ready = step.after.every((id) => byId.get(id)?.status === 'done');
    const seen = settleStep(step, lists, name);
    if (step.status === 'pending') {
      if (ready && seen.status === 'done') Object.assign(step, seen);
      return;
    }
    step.status = seen.status;
    if (seen.note !== undefined) step.note = seen.note;
  };
  plan.steps.forEach(visit);
  await deps.journal.save(plan);
  const count = (status: PlanStep['status']): number =>
    plan.steps.filter((s) => s.status === status).length;
  const missing = hosts.filter((id) => !lists.has(id) && !failed.has(id)).map(name);
  const unlisted = [...failed].map(([id, error]) => `${name(id)}: ${error.message}`);
  const why = [
    ...(missing.length > 0 ? [`${missing.join(', ')} not connected`] : []),
    ...(unlisted.length > 0 ? [`couldn't list ${unlisted.join('; ')}`] : []),
  ];
  const details = [...failed.values()].flatMap((error) => error.detail ?? []);
  deps.log.append({
    level: why.length > 0 ? 'warning' : 'info',
    message:
      `Plan “${plan.title}” checked against the hosts: ${count('done')} step(s) done, ` +
      `${count('pending')} to do, ${count('unknown')} unknown` +
      (why.length > 0 ? ` (${why.join('; ')})` : ''),
    ...(details.length > 0 ? { detail: details.join('\n') } : {}),
  });
}
