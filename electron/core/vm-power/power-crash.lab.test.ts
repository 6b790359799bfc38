import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { virshAs, type LabHost } from '../../testing/lab-hosts';
import { hv1, hv2, removeOurGuests, runningGuest, vmName } from '../../testing/move-lab';
import { waitFor } from '../../testing/recovery-lab';
import { addLabHostsOver, journalLines } from '../../testing/service-lab';
import { consoleStarter, type WsClient } from '../../testing/ws-client';

// The console as a real process, killed with SIGKILL in the middle of a bulk power plan (five lab
// guests forced off, one at a time; killed with one done and the next in flight): a new console on
// the same data folder must show the plan interrupted, and its resume must act only on the VMs the
// plan had not done. The proof that no VM is acted on twice: one guest the plan forced off before
// the kill is started again by hand before the resume, and must still run after it. Every state is
// read with `virsh domstate` on its host.

const dataDir = mkdtempSync(join(tmpdir(), 'federator-power-crash-lab-'));
const consoles = consoleStarter(dataDir);
const guests: { host: LabHost; name: string; uuid: VmId }[] = [];

/** The plan as the console's journal has it now, once `holds` says so. */
async function planWhen(
  ws: WsClient,
  id: PlanId,
  holds: (plan: Plan) => boolean,
  label: string,
): Promise<Plan> {
  let seen: Plan | undefined;
  await waitFor(
    async () => {
      seen = (await ws.invoke('plans:list', {})).find((p) => p.id === id);
      return seen !== undefined && holds(seen);
    },
    120_000,
    label,
  ).catch((error: Error) => {
    const last = seen ? `${seen.status}:\n${journalLines(seen)}` : 'not listed';
    throw new Error(`${error.message}; last seen ${last}`);
  });
  if (seen === undefined) throw new Error(`${label}: not listed`);
  return seen;
}

const state = (g: { host: LabHost; uuid: string }): string =>
  virshAs(g.host, 'domstate', g.uuid).trim();

afterAll(async () => {
  await consoles.stopAll();
  removeOurGuests();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 of the console mid bulk power plan', () => {
  it('a new console shows the plan interrupted; resume forces off only what was left, and no VM twice', async () => {
    for (const [host, what] of [
      [hv1, 'a'],
      [hv1, 'b'],
      [hv1, 'c'],
      [hv2, 'd'],
      [hv2, 'e'],
    ] as const) {
      const name = vmName(`kp-${what}`);
      guests.push({ host, name, uuid: runningGuest(host, name) as VmId });
    }
    const first = await consoles.open();
    await addLabHostsOver(first.ws);
    await waitFor(
      async () => {
        const { vms } = await first.ws.invoke('fleet:snapshot', {});
        return guests.every((g) => vms.some((v) => v.id === g.uuid && v.state === 'running'));
      },
      60_000,
      'the five guests shown running',
    );

    const proposed = await first.ws.invoke('vms:plan-power', {
      action: 'force-off',
      vmIds: guests.map((g) => g.uuid),
      concurrency: 1, // one VM at a time: the kill finds some done, one in flight, some not begun
    });
    const planId = proposed.id;
    const total = proposed.steps.length;
    expect(total).toBe(5);
    const approvedAt = Date.now();
    await first.ws.invoke('plans:approve', { planId });
    // Killed with one step done and the next one running: journaled as running before its host is
    // touched, so the kill lands with it in flight (its virsh destroy sent or not).
    const midway = await first.ws.waitFor('plans:changed', (plan) => {
      if (plan.id !== planId) return false;
      const done = plan.steps.filter((s) => s.status === 'done').length;
      return done >= 1 && done < total && plan.steps.some((s) => s.status === 'running');
    });
    process.kill(first.proc.pid, 'SIGKILL');
    const killedAt = Date.now();
    expect((await first.proc.exited).signal).toBe('SIGKILL');
    const doneBefore = midway.steps.filter((s) => s.status === 'done');
    const inFlight = midway.steps.filter((s) => s.status === 'running').map((s) => s.vmName);
    const offAtKill = guests.filter((g) => state(g) === 'shut off').map((g) => g.name);

    // The admin starts one guest the plan had forced off: a resume must leave it running.
    const restarted = guests.find((g) => g.uuid === doneBefore[0]?.vmId);
    if (restarted === undefined) throw new Error('no step was done before the kill');
    virshAs(restarted.host, 'start', restarted.uuid);

    const restartAt = Date.now();
    const second = await consoles.open();
    const interrupted = await planWhen(
      second.ws,
      planId,
      (plan) => plan.status === 'interrupted',
      'the plan shown interrupted',
    );
    const interruptedSeenMs = Date.now() - restartAt;
    // The resume plans from the fleet as the new console sees it: its hosts connected again.
    await waitFor(
      async () => {
        const { hosts } = await second.ws.invoke('fleet:snapshot', {});
        return hosts.filter((h) => h.state === 'connected').length === 3;
      },
      60_000,
      'the lab hosts connected again',
    );
    const resumeAt = Date.now();
    await second.ws.invoke('plans:resume', { planId });
    const finished = await planWhen(
      second.ws,
      planId,
      (plan) => ['done', 'failed', 'cancelled'].includes(plan.status),
      'the resumed plan to settle',
    );
    const resumeMs = Date.now() - resumeAt;
    expect(finished.status, journalLines(finished)).toBe('done');
    expect(finished.steps.map((s) => s.status)).toEqual(Array(total).fill('done'));

    // The steps done before the kill were not run again (their times are the first console's)...
    for (const before of doneBefore) {
      const after = finished.steps.find((s) => s.id === before.id);
      expect(after?.startedAt).toBe(before.startedAt);
      expect(after?.endedAt).toBe(before.endedAt);
    }
    // ...so the guest started by hand still runs, and every other one is off, once.
    for (const g of guests) {
      expect(state(g), g.name).toBe(g === restarted ? 'running' : 'shut off');
    }
    console.log(
      `kill -9 mid power plan: killed ${killedAt - approvedAt} ms after approve with ${doneBefore.length}/${total} steps done and ${inFlight.join(', ')} in flight ` +
        `(${offAtKill.length} guests off on the hosts: ${offAtKill.join(', ')}); ${restarted.name} started by hand; ` +
        `restart → interrupted seen in ${interruptedSeenMs} ms (steps then: ${interrupted.steps.map((s) => s.status).join(' ')}); ` +
        `resume → done in ${resumeMs} ms; virsh domstate: ${guests.map((g) => `${g.name} ${state(g)}`).join(', ')}`,
    );
  }, 420_000);
});
