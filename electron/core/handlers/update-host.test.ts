import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddHostRequest } from '../../../shared/contract/requests';
import { HostId } from '../../../shared/domain/ids';
import { needsPassphrase, type HostConfig } from '../../../shared/domain/host';
import { createCore, type Core } from '../core';
import { until } from '../../testing/core-waits';
import { FINGERPRINT, fakeLinks } from '../../testing/fake-links';
import { createRouter } from '../router';
import { changeLine } from './update-host';

let dataDir: string;
let cores: Core[];
const start = async (): Promise<Core> => {
  const core = createCore({
    dataDir,
    linkFactory: fakeLinks,
    demoByDefault: false,
    settleTimeoutMs: 200,
  });
  cores.push(core);
  await core.start();
  return core;
};
const hv1 = {
  name: 'hv1',
  address: '10.0.0.11',
  port: 22,
  user: 'admin',
  keyPath: '/keys/right',
  uri: 'qemu:///system',
  labels: { zone: 'a' },
} satisfies AddHostRequest;

/** Add hv1 and trust its key: a host that connected once. */
async function trustedHost(
  core: Core,
  fields: Partial<typeof hv1> & { migrationBandwidthMiBs?: number } = {},
): Promise<HostId> {
  const { config } = await core.handlers['hosts:add']({ ...hv1, ...fields });
  await core.handlers['hosts:trust-key']({ hostId: config.id, fingerprint: FINGERPRINT });
  return config.id;
}

const messages = async (core: Core): Promise<string[]> =>
  (await core.handlers['log:recent']({ limit: 100 })).map((entry) => entry.message);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-update-'));
  cores = [];
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hosts:update', () => {
  it('swaps a refused key for the right one under the same id, and keeps the key trusted', async () => {
    const core = await start();
    const hostId = await trustedHost(core, { keyPath: '/keys/wrong' });
    expect((await core.handlers['fleet:snapshot']({})).hosts[0]?.state).toBe('auth-failed');

    const updated = await core.handlers['hosts:update']({ ...hv1, hostId });
    expect(updated.state).toBe('connected');
    expect(updated.config).toMatchObject({ id: hostId, keyPath: '/keys/right' });
    expect(await messages(core)).toContain('hv1: settings changed (key file); connecting again');

    // Stored: a restart follows the new settings, and nothing asks for the key again.
    await core.stop();
    const again = await start();
    const { hosts } = await until(again, (s) => s.hosts.every((h) => h.state === 'connected'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      state: 'connected',
      config: { id: hostId, keyPath: '/keys/right' },
    });
  });

  it('forgets the trusted key when the address moves, and says so in the log', async () => {
    const core = await start();
    const hostId = await trustedHost(core);
    const moved = await core.handlers['hosts:update']({ ...hv1, hostId, address: '10.0.0.99' });
    expect(moved.state).toBe('host-key-unknown'); // asked again: the key was forgotten
    const log = await core.handlers['log:recent']({ limit: 100 });
    const line = log.find((entry) => entry.message.includes('settings changed'));
    expect(line).toMatchObject({ hostId, hostName: 'hv1', level: 'info' });
    expect(line?.message).toContain('address, was 10.0.0.11:22');
    expect(line?.message).toContain('forgot the host key trusted at 10.0.0.11:22');
  });

  it('keeps the trusted key for a new user, name or labels at the same address', async () => {
    const core = await start();
    const hostId = await trustedHost(core);
    const renamed = await core.handlers['hosts:update']({
      ...hv1,
      hostId,
      name: 'web-hv',
      user: 'root',
      address: '10.0.0.11',
      labels: { zone: 'b' },
    });
    // Connected at once: the fake link connects only while the key is trusted.
    expect(renamed).toMatchObject({
      state: 'connected',
      config: { name: 'web-hv', user: 'root', labels: { zone: 'b' } },
    });
  });

  it('takes a passphrase for this link only', async () => {
    const core = await start();
    const hostId = await trustedHost(core, { keyPath: '/keys/locked' });
    const locked = (await core.handlers['fleet:snapshot']({})).hosts[0]!;
    expect(needsPassphrase(locked)).toBe(true);
    const wrong = await core.handlers['hosts:update']({
      ...hv1,
      hostId,
      keyPath: '/keys/locked',
      passphrase: 'nope',
    });
    expect(wrong.problem).toMatchObject({ code: 'key-file', passphrase: 'wrong' });
    const open = await core.handlers['hosts:update']({
      ...hv1,
      hostId,
      keyPath: '/keys/locked',
      passphrase: 'open',
    });
    expect(open.state).toBe('connected');
    expect(open.problem).toBeUndefined();
  });

  it('refuses the endpoint of another host, a demo host and an unknown one', async () => {
    const core = await start();
    await trustedHost(core);
    const other = await trustedHost(core, { name: 'hv2', address: '10.0.0.12' });
    await expect(
      core.handlers['hosts:update']({ ...hv1, hostId: other, name: 'hv2', address: '10.0.0.11' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: "Couldn't change host hv2: admin@10.0.0.11:22 is already in the console as hv1",
    });
    // The same endpoint as its own is no conflict (only the key file changes, say).
    expect(
      (await core.handlers['hosts:update']({ ...hv1, hostId: other, address: '10.0.0.12' })).config
        .id,
    ).toBe(other);

    await core.handlers['demo:set']({ enabled: true });
    await expect(
      core.handlers['hosts:update']({ ...hv1, hostId: HostId.parse('demo-hv01') }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(
      core.handlers['hosts:update']({ ...hv1, hostId: HostId.parse('nope') }),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: "Couldn't change host nope: no such host",
    });
  });

  it('keeps the lines of a removed host under its name', async () => {
    const core = await start();
    const hostId = await trustedHost(core);
    await core.handlers['hosts:remove']({ hostId });
    const lines = (await core.handlers['log:recent']({ limit: 100 })).filter(
      (entry) => entry.hostId === hostId,
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((entry) => entry.hostName === 'hv1')).toBe(true);
  });
});

describe('hosts:update: migration bandwidth limit and maintenance', () => {
  it('stores the limit, survives a restart, and an edit keeps the host in maintenance', async () => {
    const core = await start();
    const hostId = await trustedHost(core, { migrationBandwidthMiBs: 50 });
    await core.handlers['hosts:set-maintenance']({ hostId, maintenance: true });

    const updated = await core.handlers['hosts:update']({
      ...hv1,
      hostId,
      migrationBandwidthMiBs: 8,
    });
    expect(updated.config).toMatchObject({ migrationBandwidthMiBs: 8, maintenance: true });
    expect(await messages(core)).toContain(
      'hv1: settings changed (migration bandwidth limit); connecting again',
    );

    await core.stop();
    const again = await start();
    const { hosts } = await until(again, (s) => s.hosts.every((h) => h.state === 'connected'));
    expect(hosts[0]?.config).toMatchObject({ migrationBandwidthMiBs: 8, maintenance: true });

    // Cleared in the form: no limit, stored as none.
    const cleared = await again.handlers['hosts:update']({ ...hv1, hostId });
    expect(cleared.config.migrationBandwidthMiBs).toBeUndefined();
  });

  it('refuses a limit that is not a whole number of MiB/s from 1, naming the field', async () => {
    const route = createRouter((await start()).handlers);
    for (const bad of [0, 2.5, -1]) {
      const envelope = await route('hosts:add', { ...hv1, migrationBandwidthMiBs: bad });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(!envelope.ok && envelope.error.message).toMatch(
        /^Invalid hosts:add request: migrationBandwidthMiBs/,
      );
    }
  });
});

describe('changeLine', () => {
  const config: HostConfig = {
    id: HostId.parse('h'),
    name: 'hv1',
    address: 'A.example',
    port: 22,
    user: 'admin',
    uri: 'qemu:///system',
    labels: {},
    driver: 'libvirt',
  };
  it('names each change, and treats the address case-blind as the inventory does', () => {
    expect(changeLine(config, { ...config, address: 'a.EXAMPLE' }, false)).toBe(
      'hv1: settings saved; connecting again',
    );
    expect(
      changeLine(
        config,
        { ...config, port: 2222, uri: 'qemu:///session', labels: { a: 'b' } },
        true,
      ),
    ).toBe(
      'hv1: settings changed (address, was A.example:22; libvirt URI; labels); forgot the host key trusted at A.example:22, since a new address may be another machine: its fingerprint will be asked for again',
    );
  });
});
