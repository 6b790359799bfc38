import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRefusedError, readFileCapped } from './read-capped';

const dir = mkdtempSync(join(tmpdir(), 'federator-capped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(bytes, 'k'));
  return path;
}

describe('readFileCapped', () => {
  it('reads a file up to the limit whole, empty files included', async () => {
    expect(await readFileCapped(file('exact', 100_000), 100_000)).toEqual(
      Buffer.alloc(100_000, 'k'),
    );
    expect(await readFileCapped(file('small', 3), 100_000)).toEqual(Buffer.from('kkk'));
    expect(await readFileCapped(file('empty', 0), 10)).toEqual(Buffer.alloc(0));
  });

  it('refuses a file one byte over the limit, saying the limit', async () => {
    const refused = readFileCapped(file('over', 65_537), 65_536);
    await expect(refused).rejects.toBeInstanceOf(FileRefusedError);
    await expect(refused).rejects.toThrow('it is larger than 64 KiB');
  });

  it('a file longer than its stat said (a /proc file says 0) is still held to the limit', async () => {
    await expect(readFileCapped('/proc/self/status', 100)).rejects.toThrow('larger than 100 bytes');
    const status = await readFileCapped('/proc/self/status', 1024 * 1024);
    expect(status.toString()).toMatch(/^Name:/);
    // Past the first 16 KiB buffer: read on to the end in bigger ones.
    const maps = await readFileCapped('/proc/self/maps', 16 * 1024 * 1024);
    expect(maps.length).toBeGreaterThan(16 * 1024);
    expect(maps.toString()).toContain('[stack]');
  });

  it('refuses what is not a regular file before reading any of it (/dev/zero never ends)', async () => {
    await expect(readFileCapped('/dev/zero', 1024)).rejects.toThrow('it is not a regular file');
    await expect(readFileCapped(dir, 1024)).rejects.toThrow('it is not a regular file');
  });

  it('a missing file fails as the file system says (ENOENT), for the caller to word', async () => {
    await expect(readFileCapped(join(dir, 'nope'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
