import type { HostId } from '../../../shared/domain/ids';
import type { HostOperations } from '../hosts/host-link';
import { operationsWhenConnected } from './plan-hosts';
import type { EventSource } from '../events/event-hub';
import type { HostRegistry } from '../hosts/host-registry';
import type { PlanTiming } from './plan-timing';

/** What a step runner works with: the hosts, the timing, and the plan's word to stop. */
export interface StepEnv {
  hosts: HostRegistry;
  /** Host state changes, to wait for a host that is still connecting. */
  hub: EventSource;
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

/** The host's operations for a step, giving a host that is still connecting time to connect. */
export function hostOps(env: StepEnv, hostId: HostId): Promise<HostOperations> {
  return operationsWhenConnected(env, hostId, {
    timeoutMs: env.timing.settleMs,
    signal: env.signal,
  });
}
