import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrations';
import { openDatabase } from './open-database';
import { loadSqlEngine } from './sql-engine';

const root = mkdtempSync(join(tmpdir(), 'federator-opendb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openDatabase: files it will not read whole', () => {
  it('keeps aside an inventory over the size limit, unread, and says why; the console starts empty', async () => {
    const SQL = await loadSqlEngine();
    const dir = mkdtempSync(join(root, 'big-'));
    const path = join(dir, 'inventory.db');
    const full = new SQL.Database();
    migrate(full);
    const bytes = full.export();
    full.close();
    expect(bytes.length).toBeGreaterThan(1024);
    writeFileSync(path, bytes);
    const logs: string[] = [];
    const { db, keptAside } = await openDatabase(SQL, path, (_, m) => logs.push(m), 1024);
    db.close();
    expect(keptAside).toMatchObject({
      reason: 'unreadable',
      path,
      detail: 'it is larger than 1 KiB',
    });
    expect(logs).toEqual([
      expect.stringMatching(
        /^The inventory .*inventory\.db could not be read \(it is larger than 1 KiB\); it was kept as .*\.corrupt-/,
      ),
    ]);
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps aside something that is not a regular file at the inventory path', async () => {
    const SQL = await loadSqlEngine();
    const dir = mkdtempSync(join(root, 'dir-'));
    const path = join(dir, 'inventory.db');
    mkdirSync(path);
    const logs: string[] = [];
    (await openDatabase(SQL, path, (_, message) => logs.push(message))).db.close();
    expect(logs).toEqual([expect.stringContaining('could not be read (it is not a regular file)')]);
  });
});
