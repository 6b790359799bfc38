import { describe, expect, it } from 'vitest';
import { createSaveQueue } from './save-queue';

describe('save queue', () => {
  it('coalesces changes made while a write is queued, one write at a time', async () => {
    let running = 0;
    let maxRunning = 0;
    let writes = 0;
    const queue = createSaveQueue(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((done) => setTimeout(done, 5));
      writes++;
      running--;
    });
    await Promise.all([queue.save(), queue.save(), queue.save()]);
    expect(writes).toBe(1);
    const first = queue.save();
    await Promise.resolve();
    await Promise.resolve();
    const second = queue.save(); // the first write has started: this change needs another
    await Promise.all([first, second]);
    expect(writes).toBe(3);
    expect(maxRunning).toBe(1);
  });

  it('reports a failed write to its callers and still runs the next one', async () => {
    let fail = true;
    const queue = createSaveQueue(() =>
      fail ? Promise.reject(new Error('ENOSPC')) : Promise.resolve(),
    );
    await expect(queue.save()).rejects.toThrow('ENOSPC');
    fail = false;
    await expect(queue.save()).resolves.toBeUndefined();
  });
});

describe('save queue after a failed write', () => {
  it('restores and rejects the changes queued behind the failed write too', async () => {
    let release!: (error?: Error) => void;
    let writes = 0;
    let restores = 0;
    const queue = createSaveQueue(
      () => {
        writes++;
        return writes === 1
          ? new Promise<void>((ok, fail) => (release = (e) => (e ? fail(e) : ok())))
          : Promise.resolve();
      },
      () => restores++,
    );
    const first = queue.save();
    await Promise.resolve();
    const behind = queue.save(); // made on top of the change the first write carries
    release(new Error('ENOSPC'));
    await expect(first).rejects.toThrow('ENOSPC');
    await expect(behind).rejects.toThrow('ENOSPC');
    expect(restores).toBe(1);
    await expect(queue.save()).resolves.toBeUndefined();
    await queue.idle();
    expect(writes).toBe(2);
  });
});
