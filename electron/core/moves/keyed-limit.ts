/**
 * At most `max` tasks at once per key, the rest queued in order: a host probes at most two paths
 * at a time, so a sweep of a large fleet never opens dozens of channels on one SSH connection.
 */
export class KeyedLimit {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly max: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const busy = this.running.get(key) ?? 0;
    if (busy >= this.max) {
      // The slot is handed over by the task that ends (never counted free in between, so a
      // newcomer cannot slip past the queue).
      await new Promise<void>((wake) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(wake);
        this.waiting.set(key, queue);
      });
    } else {
      this.running.set(key, busy + 1);
    }
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(key);
    if (next) {
      next();
      return;
    }
    const left = (this.running.get(key) ?? 1) - 1;
    if (left <= 0) this.running.delete(key);
    else this.running.set(key, left);
  }
}
