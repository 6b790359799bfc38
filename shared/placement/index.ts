/**
 * The placement engine: pure functions over plain data (no I/O), run by the main process for real
 * plans and by the window for previews. See README.md in this folder for the JSON formats.
 */
export type * from './input-types';
export type * from './plan-types';
export { PlacementInputError } from './input-error';
export { parsePlacementInput, placementInputSchema } from './input-schema';
export { place, type PlanOptions } from './place';
export { evacuate, type EvacuateOptions } from './evacuate';
export { rebalance, type RebalanceOptions } from './rebalance';
export {
  applyMove,
  createWhatIfSession,
  whatIf,
  whatIfAllHosts,
  whatIfVerdict,
  type WhatIfRequestMove,
  type WhatIfSession,
} from './what-if';
export { verdictName } from './refusal-codes';
export { applyPlan } from './apply-plan';
export { checkPlan, type CheckReport, type CheckablePlan, type Violation } from './checker';
export { randomInput, type RandomInputOptions } from './random-input';
