import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import type { PowerSettings } from '../../../shared/domain/power';
import { createCore, type Core } from '../core';
import { labHost, labSh, readLab, type LabHost } from '../../testing/lab-hosts';

// Fencing against the lab: hv3's BMC (ipmi_sim, lab/bmc.sh) asked and switched through the core,
// from this console and from hv1 as fence proxy. Power off is a pulled plug: hv3's sshd dies.
const lab = readLab();
const hv1 = labHost(lab, 1);
const hv3 = labHost(lab, 3);

let dataDir: string;
let core: Core;
let ids: Record<string, HostId>;
let bmc: NonNullable<LabHost['bmc']>;

const host = async (id: HostId): Promise<Host> =>
  (await core.handlers['fleet:snapshot']({})).hosts.find((h) => h.config.id === id)!;
const until = async (what: () => Promise<boolean>, ms: number): Promise<number> => {
  const t0 = Date.now();
  while (!(await what())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - t0;
};
/** A live process, not a zombie (this machine's init may not reap the sshd the BMC killed). */
const alive = (pid: number): boolean => {
  try {
    return !/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};
const fields = (h: LabHost) => ({
  name: h.name,
  address: h.address,
  port: h.port,
  user: h.user,
  uri: h.uri,
  labels: {},
  keyPath: lab.clientKey,
});
const settings = (route: PowerSettings['route']): PowerSettings => ({
  kind: 'ipmi',
  address: bmc.address,
  port: bmc.port,
  user: bmc.user,
  route,
});

beforeAll(async () => {
  labSh('bmc', 'up', '3');
  bmc = readLab().hosts.find((h) => h.index === 3)!.bmc!;
  dataDir = mkdtempSync(join(tmpdir(), 'federator-power-lab-'));
  core = createCore({ dataDir, demoByDefault: false, settleTimeoutMs: 5_000 });
  await core.start();
  ids = {};
  for (const h of [hv1, hv3]) {
    const added = await core.handlers['hosts:add'](fields(h));
    await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: h.originalHostKeyFingerprint,
    });
    ids[h.name] = added.config.id;
  }
  await until(async () => (await host(ids.hv3!)).state === 'connected', 30_000);
}, 90_000);

afterAll(async () => {
  try {
    labSh('power', '3', 'set', 'power', '1'); // whatever happened, hv3 is on again
  } finally {
    labSh('bmc', 'down', '3');
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

describe('fencing through a real BMC (lab)', () => {
  it('reads on, refuses a wrong password without switching, powers off and on from both routes', async () => {
    const hv3Id = ids.hv3!;
    const hv1Id = ids.hv1!;
    await core.handlers['hosts:update']({
      ...fields(hv3),
      hostId: hv3Id,
      power: settings({ kind: 'console' }),
      powerPassword: bmc.password,
    });
    expect(await core.power().powerState(hv3Id)).toEqual({ ok: true, state: 'on' });
    // Through the peer, with the stored password.
    expect(
      await core.handlers['power:test']({
        hostId: hv3Id,
        settings: settings({ kind: 'peer', hostId: hv1Id }),
      }),
    ).toEqual({ ok: true, state: 'on' });

    // A wrong password: a clear failure, from either route, and hv3 stays on.
    for (const route of [{ kind: 'console' } as const, { kind: 'peer', hostId: hv1Id } as const]) {
      expect(
        await core.handlers['power:test']({
          hostId: hv3Id,
          settings: settings(route),
          password: 'wrong-password',
        }),
      ).toEqual({
        ok: false,
        failure: { code: 'wrong-password', at: `${bmc.address}:${bmc.port}`, user: bmc.user },
      });
    }
    const sshdPid = readLab().hosts.find((h) => h.index === 3)!.sshdPid!;
    expect(alive(sshdPid)).toBe(true);
    expect((await host(hv3Id)).state).toBe('connected');

    // Power off from the console: sshd really gone, the link lost, the BMC says off.
    expect(await core.power().powerOff(hv3Id)).toEqual({ ok: true, state: 'off' });
    expect(alive(sshdPid)).toBe(false);
    const lost = await until(async () => (await host(hv3Id)).state === 'unreachable', 30_000);
    expect(await core.power().powerState(hv3Id)).toEqual({ ok: true, state: 'off' });

    // Power on through hv1 (fence proxy): sshd back, the link reconnects by itself.
    await core.handlers['hosts:update']({
      ...fields(hv3),
      hostId: hv3Id,
      power: settings({ kind: 'peer', hostId: hv1Id }),
    });
    expect(await core.power().powerOn(hv3Id)).toEqual({ ok: true, state: 'on' });
    const back = await until(async () => (await host(hv3Id)).state === 'connected', 60_000);
    expect(await core.power().powerState(hv3Id)).toEqual({ ok: true, state: 'on' });
    const log = await core.handlers['log:recent']({ limit: 1000 });
    expect(log.map((e) => e.message).join('\n')).not.toContain(bmc.password);
    console.log(
      `hv3 link lost ${lost} ms after power off; connected again ${back} ms after power on`,
    );
  }, 180_000);
});
