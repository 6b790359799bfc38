import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { consoleStarter, type WsClient } from '../../testing/ws-client';
import {
  addLabHostsOver,
  domainsNamed,
  domState,
  dumpxml,
  journalLines,
  labShop,
  removeDomainsNamed,
  testServiceName,
} from '../../testing/service-lab';

// The console as a real process, killed with SIGKILL in the middle of a deploy: the journal must
// let a new console on the same data folder find the plan interrupted, finish it, and leave exactly
// the four domains the plan named: none twice, none missing, no step's work done twice.

const dataDir = mkdtempSync(join(tmpdir(), 'federator-crash-lab-'));
const consoles = consoleStarter(dataDir);
const open = consoles.open;
const prefix = `${testServiceName()}-`;

async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const planIn = async (ws: WsClient, id: PlanId): Promise<Plan | undefined> =>
  (await ws.invoke('plans:list', {})).find((p) => p.id === id);

afterAll(async () => {
  await consoles.stopAll();
  removeDomainsNamed(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 of the console mid-deploy', () => {
  it('a new console finds the plan interrupted, resumes it, and each domain exists exactly once', async () => {
    const first = await open();
    await addLabHostsOver(first.ws);
    const shop = await first.ws.invoke('services:save', labShop(prefix.slice(0, -1)));
    const proposal = await first.ws.invoke('services:plan-deploy', { serviceId: shop.service.id });
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.unplaced));
    const planId = proposal.plan.id;
    const total = proposal.plan.steps.length;
    expect(total).toBe(8);

    const approvedAt = Date.now();
    await first.ws.invoke('plans:approve', { planId });
    const midway = await first.ws.waitFor('plans:changed', (plan) => {
      if (plan.id !== planId) return false;
      const done = plan.steps.filter((s) => s.status === 'done').length;
      return done >= 1 && done < total;
    });
    process.kill(first.proc.pid, 'SIGKILL');
    const killedAt = Date.now();
    const exit = await first.proc.exited;
    expect(exit.signal).toBe('SIGKILL');
    const doneAtKill = midway.steps
      .filter((s) => s.status === 'done')
      .map((s) => `${s.kind} ${s.vmName}`);
    const domainsAtKill = domainsNamed(prefix).length;

    const restartAt = Date.now();
    const second = await open();
    let seen = 'not listed';
    const interrupted = await poll(
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
    const resumeAt = Date.now();
    await second.ws.invoke('plans:resume', { planId });
    const finished = await poll(
      'the resumed plan to settle',
      async () => {
        const plan = await planIn(second.ws, planId);
        return plan && ['done', 'failed', 'cancelled'].includes(plan.status) ? plan : undefined;
      },
      120_000,
    );
    const resumeMs = Date.now() - resumeAt;
    expect(finished.status, journalLines(finished)).toBe('done');

    // Exactly the four domains the plan named, each once, tagged, running.
    const domains = domainsNamed(prefix);
    expect(domains.map((d) => d.name).sort()).toEqual(
      ['api-1', 'db-1', 'web-1', 'web-2'].map((n) => `${prefix}${n}`),
    );
    const defines = finished.steps.filter((s) => s.kind === 'define');
    expect(domains.map((d) => d.uuid).sort()).toEqual(defines.map((s) => s.vmId).sort());
    expect(new Set(defines.map((s) => s.vmId)).size).toBe(4); // no second UUID for any VM
    const { hosts } = await second.ws.invoke('fleet:snapshot', {});
    for (const d of domains) {
      expect(dumpxml(d.host, d.uuid)).toContain(`service="${shop.service.id}"`);
      expect(domState(d.host, d.uuid)).toBe('running');
      const step = defines.find((s) => s.vmId === d.uuid);
      // On the host the plan chose, not a second copy elsewhere.
      expect(hosts.find((h) => h.config.id === step?.hostId)?.config.name).toBe(d.host.name);
    }
    // Every step of the journal ended done, once: the steps done before the kill kept their times.
    expect(finished.steps.map((s) => s.status)).toEqual(Array(total).fill('done'));
    for (const before of midway.steps.filter((s) => s.status === 'done')) {
      const after = finished.steps.find((s) => s.id === before.id);
      expect(after?.startedAt).toBe(before.startedAt);
      expect(after?.endedAt).toBe(before.endedAt);
    }
    console.log(
      `kill -9: ${prefix}: killed ${killedAt - approvedAt} ms after approve with ${doneAtKill.length}/${total} steps done ` +
        `(${doneAtKill.join(', ')}), ${domainsAtKill} domain(s) on the hosts; restart → interrupted seen in ${interruptedSeenMs} ms ` +
        `(steps then: ${interrupted.steps.map((s) => s.status).join(' ')}); resume → done ${resumeMs} ms; notes: ` +
        `${
          finished.steps
            .filter((s) => s.note)
            .map((s) => `${s.kind} ${s.vmName}: ${s.note ?? ''}`)
            .join(' | ') || 'none'
        }`,
    );
  }, 420_000);
});
