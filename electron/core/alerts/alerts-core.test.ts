import type { LogEntry } from '../../../shared/domain/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { fakeLinks } from '../../testing/fake-links';
import { createCore, type Core } from '../core';
import { DEFAULT_ALERT_RULES } from './default-rules';

let dataDir: string;
let cores: Core[];
let servers: Server[];
const start = async (): Promise<Core> => {
  const core = createCore({
    dataDir,
    linkFactory: fakeLinks,
    demo: { connectDelayMs: 1, tickMs: 60_000, shutdownMs: 5 },
    settleTimeoutMs: 200,
    alerts: { tickMs: 100, webhook: { retry: { baseMs: 20, capMs: 100, attempts: 3 } } },
  });
  cores.push(core);
  await core.start();
  return core;
};
const stop = async (core: Core): Promise<void> => {
  await core.stop();
  cores = cores.filter((c) => c !== core);
};

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-alerts-'));
  cores = [];
  servers = [];
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  for (const s of servers) s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('alerts through the core', () => {
  it('ships the default rules; edits, YAML imports and deletes are kept across restarts', async () => {
    let core = await start();
    const rules = await core.handlers['alerts:rules']({});
    expect(rules.map((r) => r.name)).toEqual(DEFAULT_ALERT_RULES.map((r) => r.name));
    const cpu = rules.find((r) => r.id === 'default-host-cpu');
    await core.handlers['alerts:save-rule']({ ...cpu!, severity: 'critical' });
    await core.handlers['alerts:delete-rule']({ ruleId: 'default-path-broken' });
    const yaml = [
      'rules:',
      '  - name: Host CPU high',
      '    severity: warning',
      '    metric: host-cpu',
      '    above: 85',
      '    for: 2m',
      '  - name: Disk free low',
      '    severity: critical',
      '    metric: host-disk-free',
      '    below: 10',
      '    clear: 15',
    ].join('\n');
    const preview = await core.handlers['alerts:import-preview']({ yaml });
    expect(preview.rules.map((r) => [r.rule.name, r.action, r.replaces])).toEqual([
      ['Host CPU high', 'replace', 'default-host-cpu'],
      ['Disk free low', 'add', undefined],
    ]);
    expect((await core.handlers['alerts:rules']({})).length).toBe(DEFAULT_ALERT_RULES.length - 1);
    // A bad file: a clear error, and nothing changes.
    const bad = await core.handlers['alerts:import']({ yaml: `${yaml}\n    for: soon` }).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).message).toMatch(
      /^Couldn't import the alert rules: Couldn't read the alert rules YAML: line 12, rules\[1\]\.for/,
    );
    await core.handlers['alerts:import']({ yaml });
    await stop(core);

    core = await start();
    const kept = await core.handlers['alerts:rules']({});
    expect(kept.find((r) => r.id === 'default-host-cpu')?.condition).toMatchObject({
      threshold: 85,
      forSeconds: 120,
    });
    expect(kept.some((r) => r.id === 'default-path-broken')).toBe(false);
    expect(kept.find((r) => r.name === 'Disk free low')?.condition).toMatchObject({ op: 'below' });
    const exported = await core.handlers['alerts:export-rules']({});
    expect(exported.yaml).toContain('- name: Disk free low');
    const again = await core.handlers['alerts:import-preview']({ yaml: exported.yaml });
    expect(again.rules.every((r) => r.action === 'replace')).toBe(true);
  });

  it('fires once on the demo host whose hypervisor fails, posts it to the webhook, acknowledges, keeps it', async () => {
    const bodies: { event: string; alert?: Alert }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(body) as { event: string });
        res.writeHead(204).end();
      });
    });
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    let core = await start();
    const fired: Alert[] = [];
    core.events.on('alerts:fired', (a) => fired.push(a));
    const lines: string[] = [];
    const entries: LogEntry[] = [];
    core.events.on('log:appended', (l) => {
      lines.push(`${l.level} ${l.message}`);
      entries.push(l);
    });
    await core.handlers['alerts:set-webhook']({ url, enabled: true });
    const hv = (await core.handlers['alerts:rules']({})).find((r) => r.id === 'default-hypervisor');
    await core.handlers['alerts:save-rule']({
      ...hv!,
      condition: { kind: 'state', state: 'hypervisor-problem', forSeconds: 0 },
    });
    await expect.poll(() => fired.length, { timeout: 5000 }).toBe(1);
    expect(fired[0]?.object).toMatchObject({ kind: 'host', name: 'demo-hv04' });
    await expect.poll(() => bodies.length, { timeout: 5000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 400)); // more ticks: still one alert, one delivery
    expect(fired).toHaveLength(1);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      event: 'fired',
      alert: { id: fired[0]?.id, severity: 'critical' },
    });
    expect(lines).toContain(
      "error Alert fired: critical · Hypervisor problem · demo-hv04: demo-hv04's hypervisor is not answering",
    );
    // The event log can filter and follow it without reading the words.
    expect(entries.find((e) => e.message.startsWith('Alert fired'))).toMatchObject({
      category: 'alert',
      kind: 'fired',
      alertId: fired[0]?.id,
    });
    const acked = await core.handlers['alerts:acknowledge']({
      alertId: fired[0]!.id,
      note: 'disk swap at 3pm',
    });
    expect(acked.acknowledged?.note).toBe('disk swap at 3pm');
    expect(entries.find((e) => e.message.startsWith('Alert acknowledged'))).toMatchObject({
      category: 'alert',
      kind: 'acknowledged',
      alertId: fired[0]?.id,
      hostId: fired[0]?.object.hostId,
    });
    await stop(core);

    core = await start();
    const list = await core.handlers['alerts:list']({ historyLimit: 10 });
    expect(list.open.map((a) => [a.id, a.acknowledged?.note])).toEqual([
      [fired[0]!.id, 'disk swap at 3pm'],
    ]);
    // Turned off: its open alert resolves.
    await core.handlers['alerts:save-rule']({ ...hv!, enabled: false });
    const after = await core.handlers['alerts:list']({ historyLimit: 10 });
    expect(after.open).toEqual([]);
    expect(after.history[0]).toMatchObject({ id: fired[0]!.id, status: 'resolved' });
  });
});
