import type { Host } from './host';
import type { Vm } from './vm';

/**
 * The fleet: every host the console manages and every VM on them, as last reported. The one
 * meaning of the word; the window receives it as a `FleetSnapshot`, the planners read it inside a
 * `PlanningView`.
 */
export interface Fleet {
  hosts: readonly Host[];
  vms: readonly Vm[];
}
