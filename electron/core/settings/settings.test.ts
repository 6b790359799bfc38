import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventOf } from '../../../shared/contract/events';
import { LIMITS } from '../../../shared/domain/limits';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { app, shop, WEB } from '../../../shared/testing/service-fixtures';
import { createCore, type Core, type CoreOptions } from '../core';
import { until } from '../../testing/core-waits';
import type { LinkDeps } from '../hosts/link-factory';
import { fakeLinks } from '../../testing/fake-links';
import { createRouter } from '../router';
import { SETTINGS_KEY } from './settings-store';

let dataDir: string;
const cores: Core[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-settings-'));
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = createCore({ dataDir, demo: { connectDelayMs: 1, tickMs: 60_000 }, ...options });
  cores.push(core);
  await core.start();
  return core;
}

describe('settings', () => {
  it('start at the defaults, change in part, are pushed, logged and kept across a restart', async () => {
    const core = await start();
    expect(await core.handlers['settings:get']({})).toEqual(DEFAULT_SETTINGS);
    const pushed: EventOf<'settings:changed'>[] = [];
    core.events.on('settings:changed', (s) => pushed.push(s));
    const next = await core.handlers['settings:update']({
      cpuOvercommit: 6,
      confirm: { moves: false },
    });
    expect(next).toEqual({
      ...DEFAULT_SETTINGS,
      cpuOvercommit: 6,
      confirm: { ...DEFAULT_SETTINGS.confirm, moves: false },
    });
    expect(pushed).toEqual([next]);
    const log = await core.handlers['log:recent']({ limit: 5 });
    expect(log.at(-1)?.message).toBe(
      'Settings changed: CPU overcommit 4 → 6, confirm moves on → off',
    );
    await core.stop();
    const again = await start();
    expect(await again.handlers['settings:get']({})).toEqual(next);
  });

  it('log a Prometheus URL without its query (a token may be in it)', async () => {
    const core = await start();
    await core.handlers['settings:update']({
      prometheus: { url: 'https://proxy.example:8443/prom?token=s3cret' },
    });
    const log = await core.handlers['log:recent']({ limit: 5 });
    expect(log.at(-1)?.message).toBe(
      'Settings changed: Prometheus URL none → https://proxy.example:8443/prom',
    );
  });

  it('log the Prometheus host overrides as a count, and refuse more than a fleet has hosts', async () => {
    const core = await start();
    await core.handlers['settings:update']({
      prometheus: { instances: { 'demo-hv01': '10.0.0.1:9100', 'demo-hv02': '10.0.0.2' } },
    });
    const log = await core.handlers['log:recent']({ limit: 5 });
    expect(log.at(-1)?.message).toBe('Settings changed: Prometheus host overrides 0 → 2');
    const many = Object.fromEntries(
      Array.from({ length: LIMITS.hosts + 1 }, (_, i) => [`hv${i}`, '10.0.0.1']),
    );
    const route = createRouter(core.handlers);
    const refused = await route('settings:update', { prometheus: { instances: many } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!refused.ok) expect(refused.error.message).toContain('Too many host overrides: at most');
    const kept = await core.handlers['settings:get']({});
    expect(Object.keys(kept.prometheus.instances)).toHaveLength(2);
  });

  it('refuse a value out of range with its reason, and change nothing', async () => {
    const core = await start();
    const route = createRouter(core.handlers);
    const pushed: unknown[] = [];
    core.events.on('settings:changed', (s) => pushed.push(s));
    for (const bad of [
      { memoryOvercommit: 3 },
      { cpuOvercommit: 0.5 },
      { pollSeconds: 1 },
      { pollSeconds: 2.5 },
      { eventLogSize: 50 },
    ]) {
      const answer = await route('settings:update', bad);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/from \d+ to \d+/);
    }
    expect(await core.handlers['settings:get']({})).toEqual(DEFAULT_SETTINGS);
    expect(pushed).toEqual([]);
  });

  it('size the event log live', async () => {
    const core = await start();
    await core.handlers['settings:update']({ eventLogSize: 100 });
    // The demo links log lines of their own meanwhile: write well past the new size.
    for (let i = 0; i < 150; i++) {
      await core.handlers['settings:update']({ cpuOvercommit: i % 2 === 0 ? 5 : 4 });
    }
    // The size holds for each ring: info lines, and warnings and errors.
    const kept = await core.handlers['log:recent']({ limit: 1000 });
    expect(kept.filter((e) => e.level === 'info')).toHaveLength(100);
    expect(kept.length).toBeLessThanOrEqual(200);
  });

  it('give real host links the poll interval as it is now, not as it was when they connected', async () => {
    let deps: LinkDeps | undefined;
    const core = await start({
      demoByDefault: false,
      linkFactory: (config, d) => {
        deps = d;
        return fakeLinks(config, d);
      },
    });
    await core.handlers['hosts:add']({
      address: 'hv1.test',
      port: 22,
      user: 'admin',
      uri: 'qemu:///system',
      labels: {},
    });
    expect(deps?.pollMs?.()).toBe(5000);
    await core.handlers['settings:update']({ pollSeconds: 30 });
    expect(deps?.pollMs?.()).toBe(30_000);
  });

  it('feed the overcommit ratios to the engine: a 70-vCPU VM fits a demo host (32–64 cores) at 4 vCPUs per core, none at 1', async () => {
    const core = await start();
    await until(core, (f) => f.hosts.filter((h) => h.state === 'connected').length >= 3);
    const big = shop({ apps: [app(WEB, 'big', { vcpus: 70, memoryMiB: 512 })] });
    big.service.dependsOn = {};
    await core.handlers['services:save'](big);
    const fits = await core.handlers['services:plan-deploy']({ serviceId: big.service.id });
    expect(fits.ok).toBe(true);
    await core.handlers['settings:update']({ cpuOvercommit: 1 });
    const refused = await core.handlers['services:plan-deploy']({ serviceId: big.service.id });
    expect(refused.ok).toBe(false);
  });

  it('fall back to the defaults, with a log line, when the stored document does not read', async () => {
    const first = await start();
    await first.handlers['settings:update']({ pollSeconds: 9 });
    await first.stop();
    // Written by hand, as a damaged or foreign file would be.
    const { openInventory } = await import('../inventory/inventory');
    const inventory = await openInventory({ dataDir, log: () => undefined });
    await inventory.setSetting(SETTINGS_KEY, { pollSeconds: 'often' });
    await inventory.close();
    const core = await start();
    expect(await core.handlers['settings:get']({})).toEqual(DEFAULT_SETTINGS);
    const log = await core.handlers['log:recent']({ limit: 50 });
    expect(
      log.some((e) => e.level === 'error' && /stored settings are not readable/.test(e.message)),
    ).toBe(true);
  });
});
