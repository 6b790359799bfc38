import type { PlanId } from '../../../shared/domain/ids';
import { isOpen, type Plan } from '../../../shared/domain/plan';
import type { EventHub } from '../events/event-hub';
import type { Inventory } from '../inventory/inventory';
import { AppError } from '../../../shared/errors';

/** Finished plans kept in the journal as history; older ones are dropped. */
export const KEPT_PLANS = 200;
/** Finished plans `list()` shows after the open ones. */
export const LISTED_PLANS = 50;

/**
 * The plans in memory and in the inventory, one object per plan. The runner mutates a plan in place
 * and calls `save`: the inventory write is awaited (that is the crash-safety promise: a step is on
 * disk as `running` before its host is touched), then the whole plan goes out as `plans:changed`.
 */
export class PlanJournal {
  private readonly plans = new Map<PlanId, Plan>();
  private readonly watchers = new Map<PlanId, Set<(plan: Plan) => void>>();
  /**
   * Each plan as last written to disk. Events show this, never the live object: with two steps
   * running, one step's save would otherwise announce the other's `done` before that is on disk,
   * and a console killed then would run again a step the window saw done.
   */
  private readonly saved = new Map<PlanId, Plan>();
  /** Set once the console quits: no write is attempted on the closing inventory. */
  private closed = false;

  constructor(
    private readonly inventory: Inventory,
    private readonly hub: EventHub,
  ) {
    for (const plan of inventory.listPlans()) {
      this.plans.set(plan.id, plan);
      this.saved.set(plan.id, structuredClone(plan));
    }
  }

  /** The live object (for the runner only; callers outside get copies). */
  live(id: PlanId): Plan | undefined {
    return this.plans.get(id);
  }

  all(): Plan[] {
    return [...this.plans.values()];
  }

  copy(id: PlanId): Plan | undefined {
    const plan = this.plans.get(id);
    return plan === undefined ? undefined : this.view(plan);
  }

  /** Open plans first, newest first, then the most recent finished ones. */
  list(): Plan[] {
    const newestFirst = [...this.plans.values()].sort(
      (a, b) => b.createdAt - a.createdAt || b.updatedAt - a.updatedAt,
    );
    const open = newestFirst.filter(isOpen);
    const finished = newestFirst.filter((plan) => !isOpen(plan)).slice(0, LISTED_PLANS);
    return [...open, ...finished].map((plan) => this.view(plan));
  }

  /**
   * Journal the plan as it stands, then announce it. Resolves once it is on disk; rejects once the
   * journal is closed, so that nothing goes on to touch a host it could not record.
   */
  async save(plan: Plan): Promise<void> {
    if (this.closed) {
      throw new AppError(
        'conflict',
        `Couldn't journal plan “${plan.title}”: the console is quitting`,
      );
    }
    plan.updatedAt = Date.now();
    const isNew = !this.plans.has(plan.id);
    this.plans.set(plan.id, plan);
    const snapshot = structuredClone(plan);
    await this.inventory.savePlan(snapshot);
    // Saves resolve in the order they were made: keep the newest one written.
    if ((this.saved.get(plan.id)?.updatedAt ?? -1) <= snapshot.updatedAt) {
      this.saved.set(plan.id, snapshot);
    }
    this.announce(plan);
    if (isNew) await this.prune();
  }

  /**
   * Announce progress without journaling (a migration's percent: the next save records it anyway):
   * the plan as last saved, with the live steps' progress.
   */
  publish(plan: Plan): void {
    this.announce(plan);
  }

  private announce(plan: Plan): void {
    if (this.closed) return;
    const snapshot = this.view(plan);
    this.hub.emit('plans:changed', snapshot);
    for (const watch of this.watchers.get(plan.id) ?? []) watch(snapshot);
  }

  /** Hear every change of one plan until the returned function is called. */
  watch(id: PlanId, listener: (plan: Plan) => void): () => void {
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.watchers.delete(id);
    };
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** What others see of a plan: as last saved (a plan never saved: as it is), with live progress. */
  private view(plan: Plan): Plan {
    const snapshot = structuredClone(this.saved.get(plan.id) ?? plan);
    const live = new Map(plan.steps.map((s) => [s.id, s]));
    for (const step of snapshot.steps) {
      const progress = live.get(step.id)?.progress;
      if (progress === undefined) delete step.progress;
      else step.progress = progress;
    }
    return snapshot;
  }

  /** Keep history bounded: drop the oldest finished plans beyond KEPT_PLANS. */
  private async prune(): Promise<void> {
    const finished = [...this.plans.values()]
      .filter((plan) => !isOpen(plan))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const plan of finished.slice(KEPT_PLANS)) {
      this.plans.delete(plan.id);
      this.saved.delete(plan.id);
      await this.inventory.removePlan(plan.id);
    }
  }
}
