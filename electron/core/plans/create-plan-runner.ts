// PLACEHOLDER (lead): replaced by the plans helper with the journaled runner.
import { AppError } from '../../../shared/errors';
import type { EventHub } from '../fleet/event-hub';
import type { EventLog } from '../fleet/event-log';
import type { Fleet } from '../fleet/fleet';
import type { Inventory } from '../inventory/inventory';
import type { PlanRunner } from './plan-runner';

export interface PlanRunnerDeps {
  inventory: Inventory;
  fleet: Fleet;
  hub: EventHub;
  log: EventLog;
}

export function createPlanRunner(_deps: PlanRunnerDeps): PlanRunner {
  const missing = (): never => {
    throw new AppError('internal', 'plans are not built yet');
  };
  return {
    propose: missing,
    run: missing,
    approve: missing,
    discard: missing,
    cancel: missing,
    resume: missing,
    rollback: missing,
    get: () => undefined,
    list: () => [],
    settled: missing,
    stop: () => Promise.resolve(),
  };
}
