import type { PlanId } from '../../../shared/domain/ids';
import type { Plan, PlanStatus } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import type { Inventory } from '../inventory/inventory';
import { refuseConflicts, refuseIntoMaintenance, refuseStale } from './plan-conflicts';
import { execute, type Execution } from './plan-executor';
import { delay, hostName } from './plan-hosts';
import { PlanJournal } from './plan-journal';
import type { PlanRunner } from './plan-runner';
import { DEFAULT_TIMING, type PlanTiming } from './plan-timing';
import { validatePlan } from './plan-validation';
import { markInterrupted, settlePlan } from './reconcile';
import { reversePlan } from './reverse-plan';
import { ID_NAMER } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';

export interface PlanRunnerDeps {
  inventory: Inventory;
  hosts: HostRegistry;
  hub: EventHub;
  log: EventLog;
  timing?: Partial<PlanTiming>;
}

/** The runner as the core holds it: the interface, plus the start-up reconcile. */
export interface StartablePlanRunner extends PlanRunner {
  /**
   * Mark plans a stopped console left running as interrupted (journaled before this resolves),
   * then, in the background, settle their steps from the hosts once these connect.
   */
  recover(): Promise<void>;
}

const SETTLED: ReadonlySet<PlanStatus> = new Set<PlanStatus>([
  'done',
  'failed',
  'cancelled',
  'interrupted',
  'discarded',
]);

export function createPlanRunner(deps: PlanRunnerDeps): StartablePlanRunner {
  const timing: PlanTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const journal = new PlanJournal(deps.inventory, deps.hub);
  const executions = new Map<PlanId, Execution>();
  /** Background checks of interrupted plans, waiting for their hosts; the admin's word cuts them short. */
  const settling = new Map<PlanId, { ended: Promise<void>; stop: AbortController }>();
  const quitting = new AbortController();
  const reconcileDeps = { journal, hosts: deps.hosts, hub: deps.hub, log: deps.log };

  const require = (id: PlanId): Plan => {
    const plan = journal.live(id);
    if (!plan) throw new AppError('not-found', `no plan ${id}`);
    return plan;
  };
  const refuse = (plan: Plan, action: string, why: string): never => {
    throw new AppError('conflict', `Couldn't ${action} plan “${plan.title}”: ${why}`);
  };
  const refuseWhileQuitting = (): void => {
    if (quitting.signal.aborted) throw new AppError('conflict', 'the console is quitting');
  };

  /** Running from here: journaled, then its steps launched in the background. */
  const launch = async (plan: Plan): Promise<Plan> => {
    // Again here: resume and rollback await the hosts first, and the console may quit meanwhile.
    refuseWhileQuitting();
    refuseConflicts(plan, journal.all());
    plan.status = 'running'; // at once, before any await: a rival approve now sees it running
    delete plan.error;
    const ready = journal.save(plan);
    const execution = execute(plan, {
      journal,
      hosts: deps.hosts,
      hub: deps.hub,
      log: deps.log,
      timing,
      ready,
    });
    executions.set(plan.id, execution);
    void execution.ended.finally(() => executions.delete(plan.id)).then(() => undoIfFailed(plan));
    await ready;
    return structuredClone(plan);
  };

  /**
   * A create or clone is all-or-nothing: once one fails, what its done steps made (a volume, a
   * definition, a started guest) is removed at once by its rollback, journaled like any plan.
   * Nothing done, nothing to undo. A cancelled or interrupted one waits for the admin's word.
   */
  const undoIfFailed = async (plan: Plan): Promise<void> => {
    if (plan.kind !== 'create' && plan.kind !== 'clone') return;
    if (plan.status !== 'failed' || quitting.signal.aborted) return;
    if (!plan.steps.some((s) => s.status === 'done')) return;
    try {
      await runner.rollback(plan.id);
    } catch (error) {
      deps.log.append({
        level: 'error',
        message: `Plan “${plan.title}” failed, and what it made could not be removed: roll it back from the Plans panel`,
        category: 'plan',
        planId: plan.id,
        detail: AppError.from(error).message,
      });
    }
  };

  /** Re-check the steps of an interrupted plan against the hosts as they are connected now. */
  const settleNow = async (plan: Plan, hostWaitMs: number): Promise<void> => {
    const background = settling.get(plan.id);
    background?.stop.abort(); // the admin acts now: look at the hosts as they are, not in 2 minutes
    await background?.ended;
    if (plan.status === 'interrupted') {
      await settlePlan(plan, reconcileDeps, { hostWaitMs, signal: quitting.signal });
    }
  };

  const accept = (input: Plan): Plan => {
    refuseWhileQuitting();
    const plan = validatePlan(input);
    if (journal.live(plan.id)) refuse(plan, 'accept', 'a plan with this id exists already');
    return plan;
  };

  const runner: StartablePlanRunner = {
    async propose(input) {
      const plan = accept(input);
      plan.status = 'review';
      await journal.save(plan);
      return structuredClone(plan);
    },

    run(input) {
      return launch(accept(input));
    },

    async approve(id) {
      refuseWhileQuitting();
      const plan = require(id);
      if (plan.status !== 'review')
        refuse(plan, 'approve', `it is ${plan.status}, not waiting for approval`);
      refuseStale(plan, journal.all());
      refuseIntoMaintenance(
        plan,
        (hostId) => deps.hosts.get(hostId)?.config.maintenance === true,
        (hostId) => hostName(deps.hosts, hostId),
      );
      return launch(plan);
    },

    async discard(id) {
      const plan = require(id);
      if (plan.status !== 'review' && plan.status !== 'interrupted') {
        refuse(
          plan,
          'discard',
          `it is ${plan.status}; only a proposal or an interrupted plan is discarded`,
        );
      }
      plan.status = 'discarded';
      await journal.save(plan);
      return structuredClone(plan);
    },

    async cancel(id) {
      const plan = require(id);
      const execution = executions.get(id);
      if (execution) {
        execution.cancel();
        await Promise.race([execution.ended, delay(timing.stopWaitMs).catch(() => undefined)]);
        return structuredClone(plan);
      }
      if (plan.status === 'review') plan.status = 'discarded';
      else if (plan.status === 'interrupted') {
        plan.status = 'cancelled';
        for (const s of plan.steps) if (s.status === 'pending') s.status = 'skipped';
      } else refuse(plan, 'cancel', `it is ${plan.status} already`);
      await journal.save(plan);
      return structuredClone(plan);
    },

    async resume(id) {
      refuseWhileQuitting();
      const plan = require(id);
      if (plan.status !== 'interrupted' && plan.status !== 'failed') {
        refuse(
          plan,
          'resume',
          `it is ${plan.status}; only an interrupted or failed plan is resumed`,
        );
      }
      await settleNow(plan, 0);
      if (plan.status !== 'interrupted' && plan.status !== 'failed') {
        refuse(plan, 'resume', `it became ${plan.status} meanwhile`);
      }
      // A step already done is never run again; every other one runs, and each runner checks the
      // host first (define re-uses the journaled UUID, start/shutdown/migrate see where the VM is).
      for (const s of plan.steps) {
        if (s.status !== 'done') {
          s.status = 'pending';
          delete s.progress;
        }
      }
      deps.log.append({
        level: 'info',
        message: `Plan “${plan.title}” resumed`,
        category: 'plan',
        kind: 'resumed',
        planId: plan.id,
      });
      return launch(plan);
    },

    async rollback(id) {
      refuseWhileQuitting();
      const original = require(id);
      const allowed: PlanStatus[] = ['interrupted', 'failed', 'cancelled'];
      if (!allowed.includes(original.status)) {
        refuse(
          original,
          'roll back',
          `it is ${original.status}; only an interrupted, failed or cancelled plan is rolled back`,
        );
      }
      await settleNow(original, 0);
      const reverse = validatePlan(reversePlan(original, (hostId) => hostName(deps.hosts, hostId)));
      refuseConflicts(reverse, journal.all());
      original.warnings = [
        ...(original.warnings ?? []),
        planNoteWords(
          { code: 'rolled-back', by: reverse.title, plan: reverse.id, at: Date.now() },
          ID_NAMER,
        ),
      ];
      await journal.save(original);
      deps.log.append({
        level: 'info',
        message: `Plan “${original.title}”: rolling back ${reverse.steps.length} step(s)`,
        category: 'plan',
        kind: 'rolling-back',
        planId: original.id,
      });
      return launch(reverse);
    },

    async annotate(id, warning) {
      const plan = journal.live(id);
      if (!plan || journal.isClosed) return;
      plan.warnings = [...(plan.warnings ?? []), warning];
      await journal.save(plan);
    },

    get: (id) => journal.copy(id),
    list: () => journal.list(),

    settled(id) {
      const plan = journal.live(id);
      if (!plan) return Promise.reject(new AppError('not-found', `no plan ${id}`));
      if (SETTLED.has(plan.status)) return Promise.resolve(structuredClone(plan));
      return new Promise((resolve) => {
        const off = journal.watch(id, (now) => {
          if (!SETTLED.has(now.status)) return;
          off();
          resolve(now);
        });
      });
    },

    async stop() {
      quitting.abort();
      const running = [...executions.values()];
      for (const execution of running) execution.stop();
      await Promise.race([
        Promise.all(running.map((e) => e.ended)),
        delay(timing.stopWaitMs).catch(() => undefined),
      ]);
      // Steps still running stay `running` in the journal: the next start reconciles them.
      journal.close();
    },

    async recover() {
      await markInterrupted(journal, deps.log);
      for (const plan of journal.all()) {
        if (plan.status !== 'interrupted') continue;
        const stop = new AbortController();
        const ended = settlePlan(plan, reconcileDeps, {
          hostWaitMs: timing.hostWaitMs,
          signal: AbortSignal.any([quitting.signal, stop.signal]),
        })
          .catch((error: unknown) => {
            deps.log.append({
              level: 'error',
              message: `Couldn't check interrupted plan “${plan.title}” against the hosts`,
              detail: AppError.from(error).message,
            });
          })
          .finally(() => settling.delete(plan.id));
        settling.set(plan.id, { ended, stop });
      }
    },
  };
  return runner;
}
