/**
 * Bulk power actions in words: the buttons, the plan's title and steps, why a VM is left out, and
 * the summary once the plan has run. The one place these codes become sentences.
 */
import type { Plan } from '../domain/plan';
import type { PowerAction, PowerLeftOut, PowerLeftOutCode } from '../domain/vm-power';
import { plural } from '.';
import type { Namer } from './namer';

export interface PowerActionWords {
  /** The button: "Shut down". */
  label: string;
  /** After "will be" / "were": "shut down", "forced off". */
  past: string;
  /** Destructive: the window asks first when the admin wants to be asked before a stop. */
  destructive: boolean;
}

export const POWER_ACTION_WORDS: Record<PowerAction, PowerActionWords> = {
  start: { label: 'Start', past: 'started', destructive: false },
  shutdown: { label: 'Shut down', past: 'shut down', destructive: false },
  'force-off': { label: 'Force off', past: 'forced off', destructive: true },
  reboot: { label: 'Reboot', past: 'rebooted', destructive: false },
  pause: { label: 'Pause', past: 'paused', destructive: false },
  resume: { label: 'Resume', past: 'resumed', destructive: false },
};

export const POWER_ACTIONS: readonly PowerAction[] = [
  'start',
  'shutdown',
  'reboot',
  'pause',
  'resume',
  'force-off',
];

const LEFT_OUT: Record<PowerLeftOutCode, (action: PowerAction) => string> = {
  'already-running': () => 'is already running',
  'already-shut-off': () => 'is already shut off',
  'already-paused': (action) =>
    action === 'start' ? 'is paused: resume it instead' : 'is already paused',
  'not-running': () => 'is not running',
  'not-paused': () => 'is not paused',
  transient: () =>
    'is transient: shut down, it would be gone and could not start again (reboot it from its guest)',
  'host-not-connected': () => 'is on a host that is not connected',
  'not-found': () => 'is no longer reported by its host',
};

/** "web-2 is already shut off", "api-1 on hv3 is on a host that is not connected". */
export function leftOutWords(left: PowerLeftOut, action: PowerAction, names: Namer): string {
  const where =
    left.code === 'host-not-connected' && left.host ? ` (${names.host(left.host)})` : '';
  return `${left.vmName}${where} ${LEFT_OUT[left.code](action)}`;
}

/** "Shut down 3 VMs", "Shut down the VMs of hv2". */
export function powerTitle(action: PowerAction, count: number, hostName?: string): string {
  const label = POWER_ACTION_WORDS[action].label;
  return hostName === undefined
    ? `${label} ${plural(count, 'VM')}`
    : `${label} the VMs of ${hostName}`;
}

/**
 * The review's first line: "3 VMs will be shut down; web-2 is already shut off". Past three left
 * out, the rest are counted ("… and 4 more are left out"), since a whole host can leave out dozens.
 */
export function powerSummaryWords(
  action: PowerAction,
  count: number,
  left: readonly PowerLeftOut[],
  names: Namer,
): string {
  const head =
    count === 0
      ? `No VM will be ${POWER_ACTION_WORDS[action].past}`
      : `${plural(count, 'VM')} will be ${POWER_ACTION_WORDS[action].past}`;
  const shown = left.slice(0, 3).map((l) => leftOutWords(l, action, names));
  const more = left.length > 3 ? [`${left.length - 3} more are left out`] : [];
  return [head, ...shown, ...more].join('; ');
}

export interface PowerOutcome {
  /** "4 of 5 VMs shut down; 1 failed" */
  headline: string;
  /** One line per VM that failed: "web-2: Couldn't shut down web-2 on hv2: …". */
  failures: string[];
  /** Steps that succeeded with something to say ("forced off after 60 s"). */
  notes: string[];
}

/**
 * The summary at the end of a power plan, per VM (a reboot's two steps count once). Failures keep
 * the message the runner gave (it names the action, the VM and the host); notes say what was done
 * other than asked (a guest that ignored the shutdown and was forced off).
 */
export function powerOutcomeWords(
  plan: Pick<Plan, 'steps' | 'status'>,
  action: PowerAction,
): PowerOutcome {
  const byVm = new Map<string, Plan['steps']>();
  for (const s of plan.steps) byVm.set(s.vmId, [...(byVm.get(s.vmId) ?? []), s]);
  let done = 0;
  const failures: string[] = [];
  const notes: string[] = [];
  let notRun = 0;
  for (const steps of byVm.values()) {
    const name = steps[0]!.vmName;
    const failed = steps.find((s) => s.status === 'failed');
    if (failed) failures.push(`${name}: ${failed.error?.message ?? 'failed'}`);
    else if (steps.every((s) => s.status === 'done')) done += 1;
    else notRun += 1;
    for (const s of steps) if (s.status === 'done' && s.note) notes.push(`${name}: ${s.note}`);
  }
  const total = byVm.size;
  const parts = [`${done} of ${plural(total, 'VM')} ${POWER_ACTION_WORDS[action].past}`];
  if (failures.length > 0) parts.push(`${failures.length} failed`);
  if (notRun > 0) parts.push(`${notRun} not ${plan.status === 'running' ? 'yet ' : ''}done`);
  return { headline: parts.join('; '), failures, notes };
}
