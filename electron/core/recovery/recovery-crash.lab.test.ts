import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import {
  defineGuestXml,
  dropSshPackets,
  guestXml,
  labSh,
  virshAs,
  type LabHost,
} from '../../testing/lab-hosts';
import {
  endRecoveryTest,
  readKept,
  waitFor,
  webNeedingDb,
  whereListed,
} from '../../testing/recovery-lab';
import {
  addLabHostsOver,
  journalLines,
  labHosts,
  testServiceName,
} from '../../testing/service-lab';
import { consoleStarter, type WsClient } from '../../testing/ws-client';

// Issue 13 item 5, the last proof: the console (a real process) is killed with SIGKILL while a
// recovery plan runs, after it started at least one VM and before it ended. A new console on the
// same data folder finds the plan interrupted, checks its steps against the survivors, and the
// admin resumes it: every VM of the failed host then runs exactly once (virsh on every host), the
// steps done before the kill were not run again, and each UUID is the one the failed host had.
const [hv1, hv2, hv3] = labHosts as [LabHost, LabHost, LabHost];
const table = `fedrecovcrash_${process.pid}`;
const dataDir = mkdtempSync(join(tmpdir(), 'federator-recovery-crash-lab-'));
const consoles = consoleStarter(dataDir);
const uuids: string[] = [];

afterAll(
  () => endRecoveryTest({ table, stopConsole: () => consoles.stopAll(), uuids, dataDir }),
  90_000,
);

const planIn = async (ws: WsClient, id: PlanId): Promise<Plan | undefined> =>
  (await ws.invoke('plans:list', {})).find((p) => p.id === id);

describe('kill -9 of the console mid-recovery (lab)', () => {
  it('a new console finds the recovery interrupted; resumed, each VM runs once, none twice', async () => {
    const first = await consoles.open();
    const ids = await addLabHostsOver(first.ws);
    const hv3Id = ids.get('hv3')!;
    // One service on hv3: db and four web VMs needing it; the plan starts db first, then the webs
    // three at a time, so there are starts left to cut when the first VM runs.
    const name = testServiceName();
    const { bundle, web, db } = webNeedingDb(name, { webReplicas: 4 });
    await first.ws.invoke('services:save', bundle);
    const vms = [
      [`${name}-db-1`, db],
      ...[1, 2, 3, 4].map((n) => [`${name}-web-${n}`, web] as const),
    ] as const;
    for (const [vm, app] of vms) {
      const tags = { application: app.id, service: bundle.service.id };
      const uuid = defineGuestXml(hv3, vm, guestXml(vm, { tags }));
      uuids.push(uuid);
      virshAs(hv3, 'start', uuid);
    }
    await waitFor(() => uuids.every((u) => readKept(dataDir).includes(u)), 30_000, 'kept');

    // hv3 dies: silent for everyone, its plug pulled (the lab's chassis control); the admin checks
    // and types its name.
    dropSshPackets(table, hv3, 'everyone');
    labSh('power', '3', 'set', 'power', '0');
    await waitFor(
      async () =>
        (await first.ws.invoke('fleet:snapshot', {})).hosts.find((h) => h.config.id === hv3Id)
          ?.witness?.verdict === 'unreachable-from-all',
      60_000,
      'hv3 witnessed down',
    );
    const proposal = await first.ws.invoke('recovery:propose', {
      hostId: hv3Id,
      confirmName: 'hv3',
    });
    expect(proposal.blocked).toBeUndefined();
    const planId = proposal.plan!.id;
    const total = proposal.plan!.steps.length;
    expect(total).toBe(10); // five defines, five starts

    const approvedAt = Date.now();
    await first.ws.invoke('plans:approve', { planId });
    // At least one VM started (a start step done), the plan not ended: kill -9 now.
    const midway = await first.ws.waitFor(
      'plans:changed',
      (plan) =>
        plan.id === planId &&
        plan.steps.some((s) => s.kind === 'start' && s.status === 'done') &&
        plan.steps.some((s) => s.status !== 'done'),
      120_000,
    );
    process.kill(first.proc.pid, 'SIGKILL');
    const killedAt = Date.now();
    expect((await first.proc.exited).signal).toBe('SIGKILL');
    const startedAtKill = midway.steps.filter((s) => s.kind === 'start' && s.status === 'done');
    const runningAtKill = [...whereListed([hv1, hv2], uuids)].filter(([, places]) =>
      places.some((p) => p.state === 'running'),
    ).length;

    // A new console on the same data folder: the plan is interrupted, checked against hv1 and hv2.
    const restartAt = Date.now();
    const second = await consoles.open();
    let seen = 'not listed';
    await waitFor(
      async () => {
        const plan = await planIn(second.ws, planId);
        seen = plan ? `${plan.status}:\n${journalLines(plan)}` : 'not listed';
        return plan?.status === 'interrupted' && plan.steps.every((s) => s.status !== 'unknown');
      },
      120_000,
      'the plan interrupted and checked',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${seen}`);
    });
    const interruptedSeenMs = Date.now() - restartAt;
    const resumeAt = Date.now();
    await second.ws.invoke('plans:resume', { planId });
    let finished: Plan | undefined;
    await waitFor(
      async () => {
        finished = await planIn(second.ws, planId);
        return finished !== undefined && ['done', 'failed', 'cancelled'].includes(finished.status);
      },
      180_000,
      'the resumed plan to end',
    );
    const resumeMs = Date.now() - resumeAt;
    expect(finished!.status, journalLines(finished!)).toBe('done');

    // virsh on every host: each of hv3's VMs running exactly once, on a survivor, same UUID.
    for (const [uuid, places] of whereListed([hv1, hv2, hv3], uuids)) {
      const running = places.filter((p) => p.state === 'running');
      expect(running, `${uuid}: ${JSON.stringify(places)}`).toHaveLength(1);
      expect(running[0]?.host).not.toBe('hv3');
      expect(
        places.filter((p) => p.host !== 'hv3'),
        uuid,
      ).toHaveLength(1);
    }
    expect(new Set(finished!.steps.filter((s) => s.kind === 'start').map((s) => s.vmId))).toEqual(
      new Set(uuids),
    );
    // The steps done before the kill kept their times: none was run again.
    for (const before of midway.steps.filter((s) => s.status === 'done')) {
      const after = finished!.steps.find((s) => s.id === before.id);
      expect(after?.startedAt, journalLines(finished!)).toBe(before.startedAt);
      expect(after?.endedAt).toBe(before.endedAt);
    }
    console.log(
      `MEASURED kill -9 mid-recovery: killed ${killedAt - approvedAt} ms after approve with ` +
        `${startedAtKill.length}/5 starts done (${runningAtKill} VM(s) running on survivors); restart → ` +
        `interrupted and checked in ${interruptedSeenMs} ms; resume → done in ${resumeMs} ms; ` +
        `notes: ${
          finished!.steps
            .filter((s) => s.note)
            .map((s) => `${s.kind} ${s.vmName}: ${s.note ?? ''}`)
            .join(' | ') || 'none'
        }`,
    );
  }, 480_000);
});
