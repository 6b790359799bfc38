import type { Plan, PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import type { EventSource } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { HostRegistry } from '../hosts/host-registry';
import { hostName } from './plan-hosts';
import type { PlanJournal } from './plan-journal';
import type { PlanTiming } from './plan-timing';
import { runStep } from './step-runners';

export interface ExecutorDeps {
  journal: PlanJournal;
  hosts: HostRegistry;
  hub: EventSource;
  log: EventLog;
  timing: PlanTiming;
  /** The save that journaled the plan as running: no step starts before it is on disk. */
  ready?: Promise<void>;
}

/** One plan being run: its end, and the admin's (or the quitting console's) word to stop. */
export interface Execution {
  /** Resolves once no step runs any more and the plan's outcome is journaled. */
  readonly ended: Promise<void>;
  /** Launch nothing new, abort running steps; the plan ends `cancelled`. */
  cancel(): void;
  /** Launch nothing new, let running steps end; the plan ends `interrupted` (the console quits). */
  stop(): void;
}

/**
 * Runs the pending steps of a `running` plan: a step starts once every step in its `after` is done,
 * at most `plan.concurrency` at once. Each step is journaled `running` before its host is touched and
 * `done`/`failed` after. A failure launches nothing new: running steps finish, the rest are skipped,
 * except in a power plan, whose VMs do not depend on one another (below).
 */
export function execute(plan: Plan, deps: ExecutorDeps): Execution {
  // A bulk power action acts on each VM alone: one VM shut off (or gone) since the review must not
  // leave the other nineteen unpaused. Its steps go on past a failure (a step after a failed one on
  // the same VM still waits for it, and is skipped); the plan still ends failed, and the summary
  // (powerOutcomeWords) names each VM that failed and why. Every other plan stops at the first
  // failure: its steps build on one another (a move, a deploy, a recovery).
  const goesOnPastFailure = plan.kind === 'power';
  const controllers = new Map<string, AbortController>();
  let cancelled = false;
  let stopping = false;
  let failure: AppError | undefined;
  let wake: (() => void) | undefined;

  const launchable = (): PlanStep[] => {
    const done = new Set(plan.steps.filter((s) => s.status === 'done').map((s) => s.id));
    return plan.steps.filter((s) => s.status === 'pending' && s.after.every((id) => done.has(id)));
  };

  const progress = throttledProgress(plan, deps);

  const runOne = async (step: PlanStep): Promise<void> => {
    const controller = new AbortController();
    controllers.set(step.id, controller);
    step.status = 'running';
    step.startedAt = Date.now();
    delete step.endedAt;
    delete step.error;
    delete step.progress;
    delete step.note; // what reconcile said before the run ("not checked yet") no longer holds
    try {
      // On disk as running BEFORE the host is touched: a console killed now finds it on restart.
      await deps.journal.save(plan);
      if (controller.signal.aborted) throw new AppError('cancelled', 'cancelled before it started');
      const result = await runStep(step, {
        hosts: deps.hosts,
        hub: deps.hub,
        timing: deps.timing,
        signal: controller.signal,
        onProgress: (percent) => progress(step, percent),
      });
      step.status = 'done';
      if (result.note !== undefined) step.note = result.note;
    } catch (thrown) {
      const error = AppError.from(thrown);
      if (error.code === 'cancelled' && (cancelled || controller.signal.aborted)) {
        step.status = 'cancelled';
      } else {
        step.status = 'failed';
        step.error = error.toData();
        failure ??= error;
        deps.log.append({
          level: 'error',
          message: `Plan “${plan.title}”: ${error.message}`,
          category: 'plan',
          kind: 'step-failed',
          planId: plan.id,
          hostId: step.hostId,
          hostName: hostName(deps.hosts, step.hostId),
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        });
      }
    } finally {
      controllers.delete(step.id);
      progress.flush(step);
    }
    step.endedAt = Date.now();
    await saveQuietly(plan, deps);
  };

  const loop = async (): Promise<void> => {
    try {
      await deps.ready;
    } catch (error) {
      // The caller of run/approve hears of it; the plan must not touch a host it could not journal.
      plan.status = 'failed';
      plan.error = AppError.from(error).during("Couldn't journal the plan").toData();
      return;
    }
    deps.log.append({
      level: 'info',
      message: `Plan “${plan.title}” started (${plan.steps.length} step(s), ${plan.concurrency} at once)`,
      category: 'plan',
      kind: 'started',
      planId: plan.id,
    });
    const running = new Set<Promise<void>>();
    for (;;) {
      if ((failure === undefined || goesOnPastFailure) && !cancelled && !stopping) {
        for (const step of launchable()) {
          if (running.size >= plan.concurrency) break;
          const run: Promise<void> = runOne(step).finally(() => running.delete(run));
          running.add(run);
        }
      }
      if (running.size === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        void Promise.race(running).then(resolve);
      });
      wake = undefined;
    }
    await finish();
  };

  const finish = async (): Promise<void> => {
    const rest = plan.steps.filter((s) => s.status === 'pending');
    const mark = (): void => rest.forEach((s) => (s.status = 'skipped'));
    if (failure !== undefined) {
      mark();
      plan.status = 'failed';
      plan.error = failure.toData();
    } else if (cancelled) {
      mark();
      plan.status = 'cancelled';
      plan.error = new AppError('cancelled', 'The admin cancelled the plan').toData();
    } else if (stopping && rest.length > 0) {
      plan.status = 'interrupted';
      plan.error = new AppError(
        'cancelled',
        'The console stopped before the plan finished; resume it or roll it back',
        { retryable: true },
      ).toData();
    } else if (plan.steps.every((s) => s.status === 'done')) {
      plan.status = 'done';
      delete plan.error;
    } else {
      // Only reachable with steps waiting on ones that are not done (a plan resumed half-way).
      mark();
      plan.status = 'failed';
      plan.error = new AppError(
        'internal',
        `${rest.length} step(s) could not start: what they wait for is not done`,
      ).toData();
    }
    await saveQuietly(plan, deps);
    const level = plan.status === 'done' ? 'info' : plan.status === 'failed' ? 'error' : 'warning';
    deps.log.append({
      level,
      message: `Plan “${plan.title}” ${plan.status}${plan.error && plan.status !== 'done' ? `: ${plan.error.message}` : ''}`,
      category: 'plan',
      kind: plan.status,
      planId: plan.id,
    });
  };

  const ended = loop().catch((error: unknown) => {
    deps.log.append({
      level: 'error',
      message: `Plan “${plan.title}” stopped on an internal error`,
      category: 'plan',
      kind: 'failed',
      planId: plan.id,
      detail: AppError.from(error).detail ?? String(error),
    });
  });

  return {
    ended,
    cancel() {
      cancelled = true;
      for (const controller of controllers.values()) controller.abort();
      wake?.();
    },
    stop() {
      stopping = true;
      wake?.();
    },
  };
}

/**
 * A journal write that fails is logged; the plan goes on (its next save may succeed). Once the
 * console has quit, a step that outlived the wait stays `running` on disk: the next start reconciles it.
 */
async function saveQuietly(plan: Plan, deps: ExecutorDeps): Promise<void> {
  if (deps.journal.isClosed) return;
  try {
    await deps.journal.save(plan);
  } catch (error) {
    deps.log.append({
      level: 'error',
      message: `Couldn't journal plan “${plan.title}”`,
      detail: AppError.from(error).message,
    });
  }
}

/** Progress goes out at most every `progressMs` (with the latest value last), never journaled. */
function throttledProgress(
  plan: Plan,
  deps: ExecutorDeps,
): ((step: PlanStep, percent: number) => void) & { flush(step: PlanStep): void } {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const send = (): void => {
    timer = undefined;
    last = Date.now();
    deps.journal.publish(plan);
  };
  const update = (step: PlanStep, percent: number): void => {
    step.progress = Math.max(0, Math.min(100, Math.round(percent)));
    if (timer !== undefined) return;
    const wait = last + deps.timing.progressMs - Date.now();
    if (wait <= 0) send();
    else {
      timer = setTimeout(send, wait);
      timer.unref();
    }
  };
  return Object.assign(update, {
    flush: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  });
}
