import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryNotice } from '../../shared/domain/inventory-notice';
import type { LogEntry } from '../../shared/domain/log';
import { createCore, type Core } from './core';
import { INVENTORY_FILE } from './inventory/inventory';
import { loadSqlEngine } from './inventory/sql-engine';

let dataDir: string;
let cores: Core[];
let lines: LogEntry[];
const start = async (): Promise<Core> => {
  const core = createCore({
    dataDir,
    demo: { connectDelayMs: 1, tickMs: 60_000, shutdownMs: 5 },
    onLog: (entry) => lines.push(entry),
  });
  cores.push(core);
  await core.start();
  return core;
};
const inventoryPath = (): string => join(dataDir, INVENTORY_FILE);
const keptFiles = (): string[] => readdirSync(dataDir).filter((n) => n.includes('.corrupt-'));

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-notice-'));
  cores = [];
  lines = [];
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an inventory that cannot be used is kept aside and the window is told', () => {
  it('a zero-byte file: kept as is, not written over, and reported as empty', async () => {
    writeFileSync(inventoryPath(), '');
    const core = await start();
    const [kept, ...more] = keptFiles();
    expect(more).toEqual([]);
    expect(statSync(join(dataDir, kept!)).size).toBe(0);
    expect(statSync(inventoryPath()).size).toBeGreaterThan(0); // the fresh one
    const notices = await core.handlers['inventory:notices']({});
    expect(notices).toEqual([
      {
        reason: 'empty',
        path: inventoryPath(),
        keptAs: join(dataDir, kept!),
        at: expect.any(Number) as number,
        detail: 'the file has 0 bytes',
      },
    ]);
    expect(lines.some((l) => l.level === 'error' && l.message.includes('is empty (0 bytes)'))).toBe(
      true,
    );
  });

  it('a damaged file: kept byte for byte, reported with what opening it said', async () => {
    const garbage = 'this is not a database, just some bytes '.repeat(200);
    writeFileSync(inventoryPath(), garbage);
    const core = await start();
    const [notice] = await core.handlers['inventory:notices']({});
    expect(notice).toMatchObject({ reason: 'damaged', path: inventoryPath() });
    expect(notice?.detail).toMatch(/not a database/);
    expect(readFileSync(notice!.keptAs, 'utf8')).toBe(garbage);
  });

  it('a newer Federator’s file: reported as such, not as damage', async () => {
    const SQL = await loadSqlEngine();
    const newer = new SQL.Database();
    newer.exec('PRAGMA user_version = 99');
    writeFileSync(inventoryPath(), newer.export());
    newer.close();
    const core = await start();
    const [notice] = await core.handlers['inventory:notices']({});
    expect(notice?.reason).toBe('newer');
  });

  it('the notice outlives a restart until dismissed; dismissing keeps the old file', async () => {
    writeFileSync(inventoryPath(), 'garbage '.repeat(100));
    const first = await start();
    const [notice] = await first.handlers['inventory:notices']({});
    await first.stop();

    const second = await start();
    expect(await second.handlers['inventory:notices']({})).toEqual([notice]);
    const pushed: InventoryNotice[][] = [];
    second.events.on('inventory:notices-changed', (n) => pushed.push(n));
    await second.handlers['inventory:dismiss-notices']({});
    expect(pushed).toEqual([[]]);
    expect(await second.handlers['inventory:notices']({})).toEqual([]);
    await second.stop();

    const third = await start();
    expect(await third.handlers['inventory:notices']({})).toEqual([]);
    expect(existsSync(notice!.keptAs)).toBe(true);
  });

  it('a sound inventory, or none at all, has no notice', async () => {
    const core = await start(); // no file: a new user
    expect(await core.handlers['inventory:notices']({})).toEqual([]);
    await core.stop();
    const again = await start(); // the file the first run wrote
    expect(await again.handlers['inventory:notices']({})).toEqual([]);
    expect(keptFiles()).toEqual([]);
  });
});
