import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventHub } from './event-hub';
import { createEventLog, LOG_LIMITS } from './event-log';
import { LOG_FILE, readLogFile, writeLogFile } from './log-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'federator-log-file-'));
  dirs.push(dir);
  const hub = createEventHub((error) => {
    throw error;
  });
  return { path: join(dir, LOG_FILE), hub, log: createEventLog(hub) };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the event log file', () => {
  it('has every line on disk by the end of the tick it was appended in, and reads back in order', async () => {
    const { path, hub, log } = setUp();
    writeLogFile(
      path,
      hub,
      log,
      () => 1000,
      () => undefined,
    ); // never detached: as if killed
    log.append({ level: 'info', message: 'hv1 connected' });
    log.append({ level: 'error', message: 'hv1: web-1 crashed (its QEMU process ended)' });
    await tick();
    const { entries, unreadable } = readLogFile(path);
    expect(unreadable).toBe(0);
    expect(entries.map((e) => [e.seq, e.message])).toEqual([
      [1, 'hv1 connected'],
      [2, 'hv1: web-1 crashed (its QEMU process ended)'],
    ]);

    // The next run: the past first, numbering going on after it.
    const next = setUp();
    expect(next.log.restore(entries)).toBe(2);
    expect(next.log.append({ level: 'info', message: 'Console started' }).seq).toBe(3);
    expect(next.log.restore(entries)).toBe(0); // only into an empty log
  });

  it('skips a line cut by a crash or edited by hand, and counts it', () => {
    const { path } = setUp();
    const good = { seq: 1, at: 1, level: 'info', message: 'kept' };
    writeFileSync(path, `${JSON.stringify(good)}\n{"seq":2,"at":2,"lev\nnot json\n{"seq":3}\n`);
    expect(readLogFile(path)).toEqual({ entries: [good], unreadable: 3 });
    expect(readLogFile(join(path, '..', 'missing.jsonl'))).toEqual({ entries: [], unreadable: 0 });
  });

  it('stays bounded: written again from what the log keeps once it grows past its limit', async () => {
    const { path, hub, log } = setUp();
    const detach = writeLogFile(
      path,
      hub,
      log,
      () => 100,
      () => undefined,
    );
    const detail = 'x'.repeat(LOG_LIMITS.detailChars);
    // 1,200 lines of 16,000 characters: 19 MB appended, the limit is 8 MB.
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 100; i++)
        log.append({ level: 'info', message: `line ${round}.${i}`, detail });
      await tick();
    }
    detach();
    expect(statSync(path).size).toBeLessThan(9_000_000);
    const { entries } = readLogFile(path);
    expect(entries.at(-1)?.message).toBe('line 11.99');
    expect(entries.length).toBeGreaterThanOrEqual(100);
  });

  it('keeps a restored warning from being pushed out by the last run’s info lines', async () => {
    const { path, hub, log } = setUp();
    const detach = writeLogFile(
      path,
      hub,
      log,
      () => 100,
      () => undefined,
    );
    log.append({ level: 'warning', message: 'hv3 unreachable' });
    for (let i = 0; i < 500; i++) log.append({ level: 'info', message: `demo-hv${i} connected` });
    await tick();
    detach();
    const next = setUp();
    next.log.restore(readLogFile(path).entries);
    next.log.resize(100);
    const recent = next.log.recent(100);
    expect(recent[0]?.message).toBe('hv3 unreachable');
    expect(recent).toHaveLength(101);
  });

  it('says once, in the log, that it cannot write, and goes on when it can again', async () => {
    const { path, hub, log } = setUp();
    const said: string[] = [];
    const detach = writeLogFile(
      path,
      hub,
      log,
      () => 100,
      (m) => said.push(m),
    );
    rmSync(join(path, '..'), { recursive: true, force: true }); // the folder went away
    log.append({ level: 'info', message: 'one' });
    await tick();
    log.append({ level: 'info', message: 'two' });
    await tick();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Couldn't write the event log to .*events\.jsonl: Error: ENOENT/);
    mkdirSync(join(path, '..'));
    log.append({ level: 'info', message: 'three' });
    await tick();
    expect(readLogFile(path).entries.map((e) => e.message)).toContain('three');
    detach();
  });
});
