import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS } from '../../../shared/contract/channels';
import { createCore, type Core } from '../core';
import { createRouter } from '../router';
import { fakeLinks } from '../../testing/fake-links';
import { INVENTORY_FILE } from '../inventory/inventory';
import type { IpmitoolRun } from './ipmitool';

// A BMC password that must never leave the secret store but for ipmitool's environment.
const CANARY = 'Canary-Pw-7f3e';
const power = {
  kind: 'ipmi' as const,
  address: '127.0.0.29',
  port: 623,
  user: 'admin',
  route: { kind: 'console' as const },
};

let dataDir: string;
let core: Core;
let seen: unknown[];
let calls: { argv: readonly string[]; password: string }[];

/** A BMC that knows one password. */
const fakeBmc = (argv: readonly string[], password: string): Promise<IpmitoolRun> => {
  calls.push({ argv, password });
  return Promise.resolve(
    password === CANARY
      ? { code: 0, stdout: 'Chassis Power is on\n', stderr: '' }
      : {
          code: 1,
          stdout: '',
          stderr: '> RAKP 2 HMAC is invalid\nError: Unable to establish IPMI v2 / RMCP+ session\n',
        },
  );
};

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-power-'));
  seen = [];
  calls = [];
  core = createCore({
    dataDir,
    linkFactory: fakeLinks,
    demoByDefault: false,
    settleTimeoutMs: 200,
    runIpmitool: fakeBmc,
  });
  for (const channel of EVENT_CHANNELS) core.events.on(channel, (event) => seen.push(event));
  await core.start();
});
afterEach(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const hostFields = (name: string, address: string) => ({
  name,
  address,
  user: name,
  uri: 'qemu:///system',
  labels: {},
});

describe('BMC passwords stay secret', () => {
  it('reach ipmitool only, never the window, the event log, error messages or the inventory', async () => {
    const router = createRouter(core.handlers);
    const host = hostFields('hv3', '10.0.0.13');
    const added = await router('hosts:add', { ...host, power, powerPassword: CANARY });
    expect(added).toMatchObject({ ok: true, value: { config: { power: { passwordSet: true } } } });
    const hostId = (added as { value: { config: { id: string } } }).value.config.id;

    // The stored password is used (the form sends none back), and reaches ipmitool's env only.
    expect(await router('power:test', { hostId, settings: power })).toEqual({
      ok: true,
      value: { ok: true, state: 'on' },
    });
    expect(calls.at(-1)?.password).toBe(CANARY);
    expect(calls.at(-1)?.argv.join(' ')).not.toContain(CANARY);
    expect(await core.power().powerState(hostId as never)).toEqual({ ok: true, state: 'on' });

    // A wrong password typed in the form, a power off refused, and a request too long to take.
    const wrong = `${CANARY}-wrong`.slice(0, 20);
    expect(await router('power:test', { hostId, settings: power, password: wrong })).toMatchObject({
      value: { ok: false, failure: { code: 'wrong-password' } },
    });
    const refused = await router('power:test', {
      settings: power,
      password: `${CANARY}${'x'.repeat(20)}`,
    });
    expect(refused.ok).toBe(false);
    // Edit without retyping: the password stays set.
    const updated = await router('hosts:update', {
      ...host,
      hostId,
      power: { ...power, port: 6230 },
    });
    expect(updated).toMatchObject({
      ok: true,
      value: { config: { power: { passwordSet: true, port: 6230 } } },
    });

    const everything = JSON.stringify([
      added,
      refused,
      updated,
      seen,
      await router('fleet:snapshot', {}),
      await router('log:recent', { limit: 10_000 }),
    ]);
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(wrong);
    expect(readFileSync(join(dataDir, INVENTORY_FILE)).includes(CANARY)).toBe(false);

    // Removing the host removes its password from the secret store.
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain(hostId);
    await router('hosts:remove', { hostId });
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(hostId);
  });

  it('says what is missing as data: no power management, no password', async () => {
    const router = createRouter(core.handlers);
    const host = hostFields('hv2', '10.0.0.12');
    const plain = await router('hosts:add', host);
    const id = (plain as { value: { config: { id: string } } }).value.config.id;
    expect(await core.power().powerOff(id as never)).toEqual({
      ok: false,
      failure: { code: 'not-configured' },
    });
    await router('hosts:update', { ...host, hostId: id, power });
    expect(await core.power().powerOff(id as never)).toEqual({
      ok: false,
      failure: { code: 'no-password' },
    });
    expect(calls).toHaveLength(0);
    const self = await router('power:test', {
      settings: { ...power, route: { kind: 'peer', hostId: id } },
      hostId: id,
      password: 'x',
    });
    expect(self.ok ? '' : self.error.message).toContain('a host cannot be its own fence proxy');
  });
});
