/**
 * Saves coalesce: a change made while a write is queued rides along with it, and at most one write is
 * running at a time. Every caller's promise settles once a write that includes its change is on disk.
 *
 * A failed write calls `restore` (the owner puts memory back to what is on disk) and rejects its
 * callers and those of the write queued behind it: their changes were made on top of the lost ones
 * and were dropped by the restore too, so none of them may report success.
 */
export function createSaveQueue(
  write: () => Promise<void>,
  restore: () => void = () => undefined,
): {
  save(): Promise<void>;
  idle(): Promise<void>;
} {
  let running: Promise<void> | undefined;
  let queued: Batch | undefined;

  const dropQueued = (error: unknown): void => {
    queued?.reject(error);
    queued = undefined;
  };
  const start = (): void => {
    if (running !== undefined || queued === undefined) return;
    const batch = queued;
    queued = undefined; // from here on, a new change needs a new write
    running = (async () => {
      try {
        await write();
        batch.resolve();
      } catch (error) {
        restore();
        batch.reject(error);
        dropQueued(error);
      } finally {
        running = undefined;
        start();
      }
    })();
  };

  return {
    save() {
      if (queued === undefined) {
        queued = batch();
        queueMicrotask(start); // changes made in the same tick share one write
      }
      return queued.promise;
    },
    async idle() {
      for (;;) {
        const waitFor = running ?? queued?.promise;
        if (waitFor === undefined) return;
        await waitFor.catch(() => undefined);
      }
    },
  };
}

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
