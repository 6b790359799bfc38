import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsPassphrase } from '../../../shared/domain/host';
import { createCore, type Core } from '../core';
import { labHost, readLab } from '../../testing/lab-hosts';

// The whole core (inventory, fleet, handlers) over the real SSH + libvirt link, against the lab:
// what the window gets back from hosts:add, hosts:update and hosts:reconnect.
const lab = readLab();
const hv1 = labHost(lab, 1);
const fields = {
  name: 'hv1',
  address: hv1.address,
  port: hv1.port,
  user: hv1.user,
  uri: hv1.uri,
  labels: {},
};

let dataDir: string;
let cores: Core[];
const start = async (): Promise<Core> => {
  const core = createCore({ dataDir, demoByDefault: false });
  cores.push(core);
  await core.start();
  return core;
};

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-settings-lab-'));
  cores = [];
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('host settings against the lab', () => {
  it('hosts:update from the wrong key to the right one connects the same host, key kept', async () => {
    const core = await start();
    const added = await core.handlers['hosts:add']({ ...fields, keyPath: lab.wrongKey });
    expect(added).toMatchObject({ state: 'host-key-unknown', presentedKeyType: 'ED25519' });
    const refused = await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: hv1.hostKeyFingerprint,
    });
    expect(refused.state).toBe('auth-failed');
    expect(refused.problem).toMatchObject({ code: 'auth-failed' });
    expect(needsPassphrase(refused)).toBe(false);

    const updated = await core.handlers['hosts:update']({
      ...fields,
      hostId: added.config.id,
      keyPath: lab.clientKey,
    });
    expect(updated.state).toBe('connected');
    expect(updated.config).toMatchObject({ id: added.config.id, keyPath: lab.clientKey });
    expect(updated.problem).toBeUndefined();
    // Same address: the key accepted a moment ago still holds, with its type.
    expect(updated).toMatchObject({
      trustedFingerprint: hv1.hostKeyFingerprint,
      trustedKeyType: 'ED25519',
    });
    const { hosts, vms } = await core.handlers['fleet:snapshot']({});
    expect(hosts.map((h) => h.config.id)).toEqual([added.config.id]);
    expect(vms.filter((vm) => vm.hostId === added.config.id).map((vm) => vm.name)).toEqual(
      expect.arrayContaining(hv1.guests),
    );
    const log = await core.handlers['log:recent']({ limit: 200 });
    expect(
      log.find((e) => e.message === 'hv1: settings changed (key file); connecting again'),
    ).toMatchObject({ hostId: added.config.id, hostName: 'hv1' });

    // The accepted key and its type outlive the console.
    await core.stop();
    const again = await start();
    const after = await again.handlers['hosts:reconnect']({ hostId: added.config.id });
    expect(after).toMatchObject({ state: 'connected', trustedKeyType: 'ED25519' });
  });

  it('a passphrase key without its passphrase says so as data; reconnecting with it connects', async () => {
    const core = await start();
    const added = await core.handlers['hosts:add']({ ...fields, keyPath: lab.passphraseKey });
    expect(added.state).toBe('auth-failed');
    expect(added.problem).toMatchObject({ code: 'key-file', passphrase: 'missing' });
    const wrong = await core.handlers['hosts:reconnect']({
      hostId: added.config.id,
      passphrase: 'not-it',
    });
    expect(wrong.problem).toMatchObject({ code: 'key-file', passphrase: 'wrong' });
    const right = await core.handlers['hosts:reconnect']({
      hostId: added.config.id,
      passphrase: lab.passphrase,
    });
    expect(right).toMatchObject({ state: 'host-key-unknown', presentedKeyType: 'ED25519' });
    expect(needsPassphrase(right)).toBe(false);
    const connected = await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: hv1.hostKeyFingerprint,
    });
    expect(connected.state).toBe('connected');
    expect(connected.problem).toBeUndefined();
  });

  it('hosts:update to another address forgets the trusted key and asks again', async () => {
    const core = await start();
    const hv2 = labHost(lab, 2);
    const added = await core.handlers['hosts:add']({ ...fields, keyPath: lab.clientKey });
    await core.handlers['hosts:trust-key']({
      hostId: added.config.id,
      fingerprint: hv1.hostKeyFingerprint,
    });
    const moved = await core.handlers['hosts:update']({
      ...fields,
      hostId: added.config.id,
      name: 'hv2',
      address: hv2.address,
      user: hv2.user,
      keyPath: lab.clientKey,
    });
    // hv2 has its own host key: it is asked for, not refused as changed.
    expect(moved).toMatchObject({
      state: 'host-key-unknown',
      presentedFingerprint: hv2.hostKeyFingerprint,
    });
    expect(moved.trustedFingerprint).toBeUndefined();
    const log = await core.handlers['log:recent']({ limit: 200 });
    expect(log.map((e) => e.message)).toContainEqual(
      expect.stringContaining(`forgot the host key trusted at ${hv1.address}:${hv1.port}`),
    );
  });
});
