import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/domain/log';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { ALERTS_FILE, openAlerts } from './alerts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(dataDir: string) {
  const hub = createEventHub((e) => {
    throw e;
  });
  const lines: LogEntry[] = [];
  hub.on('log:appended', (l) => lines.push(l));
  const alerts = await openAlerts({
    dataDir,
    inventory: { getSetting: () => undefined, setSetting: () => Promise.resolve() },
    hub,
    log: createEventLog(hub),
    fleet: () => ({
      hosts: [],
      vms: [],
      services: [],
      paths: [],
      overcommit: { cpuOvercommit: 1, memoryOvercommit: 1 },
    }),
  });
  return { alerts, lines };
}

const fire = (alerts: Awaited<ReturnType<typeof openAlerts>>) =>
  alerts.book.fire('k', {
    id: 'a1',
    ruleId: 'r',
    ruleName: 'R',
    severity: 'warning',
    object: { kind: 'host', id: 'h', name: 'hv' },
    status: 'firing',
    firedAt: 0,
    why: { code: 'hypervisor-problem', host: 'h' },
  });

describe('openAlerts', () => {
  it('keeps a damaged history aside and says where', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alerts-open-'));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, 'alerts'));
    writeFileSync(join(dataDir, ALERTS_FILE), '{"version":1,"open":[');
    const { alerts, lines } = await open(dataDir);
    expect(lines.map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^The alert history was damaged and kept aside as .*damaged-\d+; starting with none$/,
      ),
    ]);
    expect(readdirSync(join(dataDir, 'alerts')).some((f) => f.includes('.damaged-'))).toBe(true);
    await alerts.stop();
  });

  it('does not write over a history it could not read for another reason, nor say it was kept aside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alerts-open-'));
    dirs.push(dataDir);
    // A directory where the file should be: reading it fails (EISDIR), even for root.
    mkdirSync(join(dataDir, ALERTS_FILE), { recursive: true });
    writeFileSync(join(dataDir, ALERTS_FILE, 'keep-me'), 'x');
    const { alerts, lines } = await open(dataDir);
    expect(lines.map((l) => l.message)).toEqual([
      "Couldn't read the alert history: alerts work, but their history is not saved until the console can read it again",
    ]);
    expect(lines[0]?.detail).toMatch(/EISDIR/);
    expect(fire(alerts).opened).toBe(true); // alerting goes on, in memory
    await alerts.book.idle();
    expect(statSync(join(dataDir, ALERTS_FILE)).isDirectory()).toBe(true);
    expect(readdirSync(join(dataDir, ALERTS_FILE))).toEqual(['keep-me']);
    expect(lines).toHaveLength(1);
    await alerts.stop();
  });
});
