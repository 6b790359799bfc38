import type { Plan, PlanKind, PlanStatus, PlanStep, StepStatus } from '../../../shared/domain/plan';
import type { Tone } from '../../ui/Badge';

/** Each step status as an icon and a word: the icon is never the only signal. */
export const STEP_VIEW: Record<StepStatus, { icon: string; label: string; tone: Tone }> = {
  pending: { icon: '○', label: 'Waiting', tone: 'neutral' },
  running: { icon: '◐', label: 'Running', tone: 'busy' },
  done: { icon: '✓', label: 'Done', tone: 'ok' },
  failed: { icon: '✕', label: 'Failed', tone: 'danger' },
  cancelled: { icon: '⊘', label: 'Cancelled', tone: 'neutral' },
  skipped: { icon: '–', label: 'Not run', tone: 'neutral' },
  unknown: { icon: '?', label: 'Unknown', tone: 'warning' },
};

export const PLAN_STATUS_VIEW: Record<PlanStatus, { label: string; tone: Tone }> = {
  review: { label: 'Waiting for review', tone: 'info' },
  running: { label: 'Running', tone: 'busy' },
  done: { label: 'Done', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'serious' },
  discarded: { label: 'Discarded', tone: 'neutral' },
};

export const PLAN_KIND_WORD: Record<PlanKind, string> = {
  deploy: 'Deploy',
  'start-service': 'Start service',
  'stop-service': 'Stop service',
  'delete-service': 'Delete service',
  move: 'Move',
  evacuate: 'Evacuation',
  undo: 'Undo',
  rollback: 'Roll back',
  power: 'Power',
  recovery: 'Recovery',
  snapshot: 'Snapshot',
  create: 'New VM',
  clone: 'Clone',
};

/** What a step leaves true once done, for "after …" sentences. */
const OUTCOME: Record<PlanStep['kind'], string> = {
  define: 'is defined',
  start: 'is running',
  shutdown: 'is shut down',
  destroy: 'is stopped',
  undefine: 'is removed',
  migrate: 'has moved',
  'set-metadata': 'is tagged',
  suspend: 'is paused',
  resume: 'is running',
  'snapshot-create': 'has its snapshot',
  'snapshot-revert': 'is reverted',
  'snapshot-delete': 'has its snapshot deleted',
  'volume-create': 'has its disk',
  'volume-clone': 'has its disk copied',
  'volume-delete': 'has its disk deleted',
};

/** "after db-1 is running and cache-1 is defined", or null for a step that waits for nothing. */
export function dependencyWords(step: PlanStep, steps: readonly PlanStep[]): string | null {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const parts = step.after.map((id) => {
    const before = byId.get(id);
    return before ? `${before.vmName} ${OUTCOME[before.kind]}` : 'an earlier step is done';
  });
  if (parts.length === 0) return null;
  const unique = [...new Set(parts)];
  const last = unique.pop();
  return `after ${unique.length > 0 ? `${unique.join(', ')} and ${last}` : last}`;
}

/** "3 done, 1 not started": the steps' statuses counted in words, in a fixed order. */
export function stepCounts(steps: readonly PlanStep[]): string {
  const order: [StepStatus, string][] = [
    ['done', 'done'],
    ['running', 'running'],
    ['failed', 'failed'],
    ['unknown', 'not known'],
    ['cancelled', 'cancelled'],
    ['skipped', 'not run'],
    ['pending', 'not started'],
  ];
  return order
    .map(([status, word]) => [steps.filter((s) => s.status === status).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

/** Why an interrupted or failed plan is waiting for the admin, in one sentence. */
export function attentionWords(plan: Plan): string | null {
  if (plan.status === 'interrupted') {
    return `The console stopped while this plan ran; the steps were checked against the hosts: ${stepCounts(plan.steps)}.`;
  }
  if (plan.status === 'failed') {
    const failed = plan.steps.find((s) => s.status === 'failed');
    return `${failed ? `“${failed.label}” failed` : 'A step failed'}; the steps after it were not run (${stepCounts(plan.steps)}).`;
  }
  if (plan.status === 'cancelled') return `Cancelled: ${stepCounts(plan.steps)}.`;
  return null;
}

/** "about 12 s", "about 2 min". */
export function formatEstimate(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  return `about ${Math.round(seconds / 60)} min`;
}
