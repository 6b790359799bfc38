/**
 * Saves coalesce: a change made while a write is queued rides along with it, and at most one write is
 * running at a time. Every caller's promise settles once a write that includes its change is on disk.
 */
export function createSaveQueue(write: () => Promise<void>): {
  save(): Promise<void>;
  idle(): Promise<void>;
} {
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  return {
    save() {
      if (queued) return queued;
      const next = tail
        .catch(() => undefined) // a failed write must not block the next; its caller saw the error
        .then(() => {
          queued = undefined; // from here on, a new change needs a new write
          return write();
        });
      queued = next;
      tail = next;
      return next;
    },
    idle: () => tail.catch(() => undefined),
  };
}
