import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { virshAs, type LabHost } from '../../testing/lab-hosts';
import { hv1, hv2, removeOurGuests, runningGuest, vmName } from '../../testing/move-lab';
import { addRequest, journalLines } from '../../testing/service-lab';
import {
  connectWs,
  startConsole,
  type ConsoleProcess,
  type WsClient,
} from '../../testing/ws-client';

// The console as a real process, killed with SIGKILL in the middle of a bulk power plan (five lab
// guests forced off, one at a time; killed with one done and the next in flight): a new console on
// the same data folder must show the plan interrupted, and its resume must act only on the VMs the
// plan had not done. The proof that no VM
// is acted on twice: one guest the plan forced off before the kill is started again by hand before
// the resume, and must still run after it. Every state is read with `virsh domstate` on its host.

const dataDir = mkdtempSync(join(tmpdir(), 'federator-power-crash-lab-'));
const started: ConsoleProcess[] = [];
const clients: WsClient[] = [];
const guests: { host: LabHost; name: string; uuid: VmId }[] = [];

async function open(): Promise<{ proc: ConsoleProcess; ws: WsClient }> {
  const proc = await startConsole(dataDir);
  started.push(proc);
  const ws = await connectWs(proc.url);
  clients.push(ws);
  return { proc, ws };
}

/** Ask until `probe` answers (the console's state after a restart comes from its journal). */
async function asked<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const planIn = async (ws: WsClient, id: PlanId): Promise<Plan | undefined> =>
  (await ws.invoke('plans:list', {})).find((p) => p.id === id);
const state = (g: { host: LabHost; uuid: string }): string =>
  virshAs(g.host, 'domstate', g.uuid).trim();

afterAll(async () => {
  for (const ws of clients) ws.close();
  for (const proc of started) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) continue;
    proc.child.kill('SIGTERM'); // only the consoles this test started, by their own handle
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
    await proc.exited;
    clearTimeout(timer);
  }
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
    const first = await open();
    for (const host of [hv1, hv2]) {
      const added = await first.ws.invoke('hosts:add', addRequest(host));
      const trusted = await first.ws.invoke('hosts:trust-key', {
        hostId: added.config.id,
        fingerprint: host.hostKeyFingerprint,
      });
      expect(trusted.state).toBe('connected');
    }
    await asked(
      'the five guests shown running',
      async () => {
        const { vms } = await first.ws.invoke('fleet:snapshot', {});
        const running = guests.filter((g) =>
          vms.some((v) => v.id === g.uuid && v.state === 'running'),
        );
        return running.length === guests.length ? true : undefined;
      },
      60_000,
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
    const second = await open();
    let seen = 'not listed';
    const interrupted = await asked(
      'the plan shown interrupted',
      async () => {
        const plan = await planIn(second.ws, planId);
        seen = plan ? `${plan.status}:\n${journalLines(plan)}` : 'not listed';
        return plan?.status === 'interrupted' ? plan : undefined;
      },
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${seen}`);
    });
    const interruptedSeenMs = Date.now() - restartAt;
    // Wait for the hosts: the resume plans from the fleet as the new console sees it.
    await asked(
      'hv1 and hv2 connected again',
      async () => {
        const { hosts } = await second.ws.invoke('fleet:snapshot', {});
        return hosts.filter((h) => h.state === 'connected').length === 2 ? true : undefined;
      },
      60_000,
    );
    const resumeAt = Date.now();
    await second.ws.invoke('plans:resume', { planId });
    const finished = await asked(
      'the resumed plan to settle',
      async () => {
        const plan = await planIn(second.ws, planId);
        return plan && ['done', 'failed', 'cancelled'].includes(plan.status) ? plan : undefined;
      },
      120_000,
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
