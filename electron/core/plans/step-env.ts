import type { Fleet } from '../fleet/fleet';
import type { PlanTiming } from './plan-timing';

/** What a step runner works with: the hosts, the timing, and the plan's word to stop. */
export interface StepEnv {
  fleet: Fleet;
  timing: PlanTiming;
  /** Aborted when the admin cancels the plan: migrations abort, waits end. */
  signal: AbortSignal;
  /** 0–100, for steps whose hypervisor reports progress (migrations). */
  onProgress(percent: number): void;
}

/** What a step that succeeded has to say (forced off, already running …). */
export interface StepResult {
  note?: string;
}
