import type { PlanId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';

/**
 * Runs plans: journals each one in the inventory, runs its steps (dependencies first, at most
 * `plan.concurrency` at once), publishes every change as a `plans:changed` event, and on start-up
 * reconciles plans a killed console left running. Everything that changes hosts goes through here.
 */
export interface PlanRunner {
  /** Journal a plan for the admin to review (status `review`) and announce it. */
  propose(plan: Plan): Promise<Plan>;
  /** Journal a plan and start it at once (plans that need no review: start, stop, rollback). */
  run(plan: Plan): Promise<Plan>;
  approve(id: PlanId): Promise<Plan>;
  discard(id: PlanId): Promise<Plan>;
  /** Launch no further step; abort running migrations; the plan ends `cancelled`. */
  cancel(id: PlanId): Promise<Plan>;
  /** Finish an interrupted or failed plan; steps the hosts show as done are not run again. */
  resume(id: PlanId): Promise<Plan>;
  /** A new plan reversing the done steps of an interrupted, failed or cancelled one; it runs at once. */
  rollback(id: PlanId): Promise<Plan>;
  /** Add a line to a plan's warnings, journaled (what happened since: a stale copy found …). */
  annotate(id: PlanId, warning: string): Promise<void>;
  get(id: PlanId): Plan | undefined;
  /** Open plans first, then recent ones, newest first. */
  list(): Plan[];
  /** Resolves once the plan is done, failed, cancelled, interrupted or discarded. */
  settled(id: PlanId): Promise<Plan>;
  /** Stop launching steps and wait (bounded) for running ones; used when the console quits. */
  stop(): Promise<void>;
}
