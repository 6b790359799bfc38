import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock';
import { processStartTime } from './process-start';

let dataDir: string;
let lockFile: string;
const leave = (owner: object | string): void =>
  writeFileSync(lockFile, typeof owner === 'string' ? owner : JSON.stringify(owner));
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-lock-'));
  lockFile = join(dataDir, 'federator.lock');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const hasProc = existsSync('/proc/self/stat');

describe('data folder lock', () => {
  it('names its owner by pid and start time, and refuses a second taker in this process', async () => {
    const unlock = await lockDataDir(dataDir);
    const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; start: unknown };
    expect(owner.pid).toBe(process.pid);
    if (hasProc) expect(owner.start).toBe(await processStartTime(process.pid));
    await expect(lockDataDir(dataDir)).rejects.toMatchObject({ code: 'conflict' });
    await unlock();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('takes over a lock naming our own pid that this process does not hold (pid 1 after a crash)', async () => {
    leave({ pid: process.pid, start: '1' });
    const unlock = await lockDataDir(dataDir);
    await unlock();
    leave(String(process.pid)); // the old, bare-pid format
    await (
      await lockDataDir(dataDir)
    )();
  });

  it.runIf(hasProc)('takes over a live pid that started at another time: reused', async () => {
    leave({ pid: process.ppid, start: 'not-its-start-time' });
    await (
      await lockDataDir(dataDir)
    )();
  });

  it.runIf(hasProc)('refuses a live process that is the one that took the lock', async () => {
    leave({ pid: process.ppid, start: await processStartTime(process.ppid) });
    await expect(lockDataDir(dataDir)).rejects.toThrow(
      new RegExp(`Another Federator \\(process ${process.ppid}\\)`),
    );
  });

  it('lets one of two takers have a stale lock, and leaves no stray files', async () => {
    leave({ pid: 999_999_999, start: '1' });
    const results = await Promise.allSettled([lockDataDir(dataDir), lockDataDir(dataDir)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    for (const r of results) if (r.status === 'fulfilled') await r.value();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.skipIf(!hasProc)('takes over a lock file far too big to be ours, unread', async () => {
    // Read whole, this would name a live owner (pid 1, its real start) and refuse the folder.
    const owner = { pid: 1, start: await processStartTime(1) };
    leave(' '.repeat(8 * 1024 * 1024) + JSON.stringify(owner));
    const unlock = await lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await unlock();
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
