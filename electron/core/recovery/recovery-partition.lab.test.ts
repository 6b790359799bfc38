import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recoveryBlockWords } from '../../../shared/words/recovery-words';
import { witnessWords } from '../../../shared/words/witness-words';
import type { Core } from '../core';
import {
  deleteNftTable,
  dropSshPackets,
  removeGuest,
  virshAs,
  type LabHost,
} from '../../testing/lab-hosts';
import { labHosts, startLabCore } from '../../testing/service-lab';
import { serviceVmOn, waitFor } from '../../testing/recovery-lab';

// Issue 13, "never twice" on a partition: only the console's packets to hv3 are dropped, its peers
// still reach it. Ten recovery requests, with the admin's typed name and a fencing request each,
// are all refused in words; nothing is journaled, and virsh on every host lists the service VM
// once, still running on hv3.
const [hv1, hv2, hv3] = labHosts as [LabHost, LabHost, LabHost];
const table = `fedpartition_${process.pid}`;
let dataDir: string;
let core: Core;
let uuid: string | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-partition-lab-'));
  core = await startLabCore({ dataDir, demoByDefault: false, settleTimeoutMs: 10_000 });
}, 60_000);

afterAll(async () => {
  deleteNftTable(table);
  await core?.stop();
  if (uuid) for (const h of [hv1, hv2, hv3]) removeGuest(h, uuid);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('a partition: 10 recovery requests refused in words, 0 restarts, the VM once on hv3', async () => {
  const snapshot = await core.handlers['fleet:snapshot']({});
  const ids = new Map(snapshot.hosts.map((h) => [h.config.name, h.config.id]));
  const hv3Id = ids.get('hv3')!;
  const ours = await serviceVmOn(core, hv3, dataDir);
  uuid = ours;

  dropSshPackets(table, hv3, 'console');
  const cutAt = Date.now();
  const hostOf = async () =>
    (await core.handlers['fleet:snapshot']({})).hosts.find((h) => h.config.id === hv3Id)!;
  await waitFor(async () => (await hostOf()).witness?.verdict === 'partition', 30_000, 'partition');
  console.log(
    `MEASURED hv3 cut off from the console → partition witnessed in ${Date.now() - cutAt} ms`,
  );
  const host = await hostOf();
  expect(host.state).toBe('unreachable');
  const names = (id: string) => snapshot.hosts.find((h) => h.config.id === id)?.config.name ?? id;
  expect(witnessWords(host.witness!, names)).toBe(
    'Unreachable from this console, alive for hv1 and hv2',
  );

  const t0 = Date.now();
  for (let n = 0; n < 10; n++) {
    const refused = await core.handlers['recovery:propose']({
      hostId: hv3Id,
      fence: true,
      confirmName: 'hv3',
    });
    expect(refused.blocked).toEqual({ code: 'not-witnessed', verdict: 'partition' });
    expect(refused.plan).toBeUndefined();
    expect(recoveryBlockWords(refused.blocked!, 'hv3')).toBe(
      'Refused: hv3 is unreachable from this console but alive for its peers (a partition); its VMs are probably still running, and starting them elsewhere would run them twice',
    );
  }
  console.log(`MEASURED 10 recovery requests on a partition refused in ${Date.now() - t0} ms`);
  expect((await core.handlers['plans:list']({})).filter((p) => p.kind === 'recovery')).toEqual([]);

  // virsh is the judge: the VM is defined on hv3 alone, and still running there.
  for (const h of [hv1, hv2])
    expect(virshAs(h, 'list', '--all', '--uuid'), h.name).not.toContain(ours);
  expect(virshAs(hv3, 'domstate', ours).trim()).toBe('running');
}, 90_000);
