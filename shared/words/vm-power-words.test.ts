import { describe, expect, it } from 'vitest';
import { powerLeftOutCode, type PowerAction } from '../domain/vm-power';
import type { PlanStep } from '../domain/plan';
import type { VmState } from '../domain/vm';
import { ID_NAMER } from './namer';
import { powerOutcomeWords, powerSummaryWords } from './vm-power-words';

const step = (
  vmName: string,
  status: PlanStep['status'],
  extra: Partial<PlanStep> = {},
): PlanStep => ({
  id: `${vmName}-${Math.random()}`,
  kind: 'shutdown',
  label: `Shut down ${vmName}`,
  hostId: 'hv1' as PlanStep['hostId'],
  vmId: `id-${vmName}` as PlanStep['vmId'],
  vmName,
  after: [],
  status,
  ...extra,
});

describe('power skip rules', () => {
  it('leaves out exactly the VMs the action makes no sense for', () => {
    const table: [PowerAction, VmState, string | undefined][] = [
      ['start', 'shutoff', undefined],
      ['start', 'crashed', undefined],
      ['start', 'running', 'already-running'],
      ['start', 'paused', 'already-paused'],
      ['shutdown', 'running', undefined],
      ['shutdown', 'paused', undefined],
      ['shutdown', 'shutoff', 'already-shut-off'],
      ['force-off', 'shutting-down', undefined],
      ['force-off', 'crashed', 'already-shut-off'],
      ['reboot', 'running', undefined],
      ['reboot', 'paused', 'not-running'],
      ['pause', 'running', undefined],
      ['pause', 'paused', 'already-paused'],
      ['pause', 'shutoff', 'not-running'],
      ['resume', 'paused', undefined],
      ['resume', 'running', 'already-running'],
      ['resume', 'shutoff', 'not-paused'],
    ];
    for (const [action, state, code] of table) {
      expect([action, state, powerLeftOutCode(action, { state, persistent: true })]).toEqual([
        action,
        state,
        code,
      ]);
    }
    expect(powerLeftOutCode('reboot', { state: 'running', persistent: false })).toBe('transient');
  });
});

describe('power words', () => {
  it('counts what is left out past three instead of listing dozens', () => {
    const left = ['a', 'b', 'c', 'd', 'e'].map((n) => ({
      vm: n,
      vmName: n,
      code: 'already-shut-off' as const,
    }));
    expect(powerSummaryWords('force-off', 2, left, ID_NAMER)).toBe(
      '2 VMs will be forced off; a is already shut off; b is already shut off; c is already shut off; 2 more are left out',
    );
  });

  it('the summary counts VMs, not steps, says each failure with its reason, and what was forced', () => {
    const rebootDown = step('web-1', 'done', { note: 'did not shut down within 60 s; forced off' });
    const rebootUp = step('web-1', 'done', { kind: 'start' });
    const failed = step('web-2', 'failed', {
      error: {
        code: 'timeout',
        message: "Couldn't shut down web-2 on hv1: hv1 did not report it shut off within 60 s",
        retryable: false,
      },
    });
    const skipped = step('api', 'skipped');
    const outcome = powerOutcomeWords(
      { status: 'failed', steps: [rebootDown, rebootUp, failed, skipped] },
      'reboot',
    );
    expect(outcome.headline).toBe('1 of 3 VMs rebooted; 1 failed; 1 not done');
    expect(outcome.failures).toEqual([
      "web-2: Couldn't shut down web-2 on hv1: hv1 did not report it shut off within 60 s",
    ]);
    expect(outcome.notes).toEqual(['web-1: did not shut down within 60 s; forced off']);
    const running = powerOutcomeWords(
      { status: 'running', steps: [step('x', 'pending')] },
      'pause',
    );
    expect(running.headline).toBe('0 of 1 VM paused; 1 not yet done');
  });
});
