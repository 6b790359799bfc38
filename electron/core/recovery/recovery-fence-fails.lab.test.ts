import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recoveryBlockWords, recoveryFenceWords } from '../../../shared/words/recovery-words';
import type { Core } from '../core';
import { dropSshPackets, labSh, readLab, virshAs, type LabHost } from '../../testing/lab-hosts';
import {
  addRequest,
  journalLines,
  labHosts,
  startLabCore,
  waitPlan,
} from '../../testing/service-lab';
import { endRecoveryTest, serviceVmOn, waitFor } from '../../testing/recovery-lab';

// Issue 13, fencing that fails: hv3 silent for everyone, its BMC refusing the console's password.
// Powering it off through the BMC is refused in words and nothing is restarted; the admin then
// powers it off by hand (the lab's chassis control, as a pulled plug) and types its name: the
// recovery runs, and virsh on every host lists the service VM running once, on a survivor.
const [hv1, hv2, hv3] = labHosts as [LabHost, LabHost, LabHost];
const table = `fedfencefail_${process.pid}`;
let dataDir: string;
let core: Core;
let uuid: string | undefined;

beforeAll(async () => {
  labSh('bmc', 'up', '3');
  dataDir = mkdtempSync(join(tmpdir(), 'federator-fence-fail-lab-'));
  core = await startLabCore({ dataDir, demoByDefault: false, settleTimeoutMs: 10_000 });
}, 60_000);

afterAll(
  () =>
    endRecoveryTest({
      table,
      stopConsole: async () => core?.stop(),
      uuids: uuid ? [uuid] : [],
      dataDir,
    }),
  60_000,
);

it('fencing fails: nothing restarted, the reason in words; the typed name lets the recovery run', async () => {
  const snapshot = await core.handlers['fleet:snapshot']({});
  const hv3Id = snapshot.hosts.find((h) => h.config.name === 'hv3')!.config.id;
  const ours = await serviceVmOn(core, hv3, dataDir);
  uuid = ours;

  const bmc = readLab().hosts.find((h) => h.index === 3)!.bmc!;
  await core.handlers['hosts:update']({
    ...addRequest(hv3),
    hostId: hv3Id,
    power: {
      kind: 'ipmi',
      address: bmc.address,
      port: bmc.port,
      user: bmc.user,
      route: { kind: 'console' },
    },
    powerPassword: 'wrong-password',
  });
  dropSshPackets(table, hv3, 'everyone');
  const hostOf = async () =>
    (await core.handlers['fleet:snapshot']({})).hosts.find((h) => h.config.id === hv3Id)!;
  await waitFor(
    async () => (await hostOf()).witness?.verdict === 'unreachable-from-all',
    30_000,
    'witnessed down',
  );

  const refused = await core.handlers['recovery:propose']({ hostId: hv3Id, fence: true });
  expect(refused.blocked).toEqual({ code: 'not-fenced' });
  const at = `${bmc.address}:${bmc.port}`;
  expect(recoveryFenceWords(refused.fence, 'hv3', (id) => id)).toBe(
    `Couldn't ask hv3's BMC whether it is off: wrong password for BMC user ${bmc.user} at ${at}`,
  );
  expect(recoveryBlockWords(refused.blocked!, 'hv3')).toBe(
    'hv3 is not known to be off: power it off through its BMC, or check that it is off and type its name',
  );
  expect((await core.handlers['plans:list']({})).filter((p) => p.kind === 'recovery')).toEqual([]);
  for (const h of [hv1, hv2])
    expect(virshAs(h, 'list', '--all', '--uuid'), h.name).not.toContain(ours);
  expect(virshAs(hv3, 'domstate', ours).trim()).toBe('running');

  // The admin powers hv3 off by hand (the chassis, not the console), checks, and types its name.
  labSh('power', '3', 'set', 'power', '0');
  await waitFor(() => !virshAs(hv3, 'list', '--uuid').includes(ours), 20_000, 'hv3 off');
  const t0 = Date.now();
  const proposal = await core.handlers['recovery:propose']({ hostId: hv3Id, confirmName: 'hv3' });
  expect(proposal.blocked).toBeUndefined();
  expect(proposal.fence.by).toBe('confirmed');
  await core.handlers['plans:approve']({ planId: proposal.plan!.id });
  const done = await waitPlan(core, proposal.plan!.id);
  expect(done.status, journalLines(done)).toBe('done');
  console.log(
    `MEASURED typed confirmation → service VM running on a survivor in ${Date.now() - t0} ms`,
  );
  const running = [hv1, hv2].filter((h) => virshAs(h, 'list', '--uuid').includes(ours));
  expect(running.map((h) => h.name)).toHaveLength(1);
}, 90_000);
