import { isRefusedChannelOpen } from './ssh-errors';

/**
 * Caps the channels open at once on one connection. OpenSSH allows 10 sessions per connection and
 * refused about one open in eight at 8 concurrent, so we hold a few below that, queue the rest in
 * order, and retry an open the server refused anyway (another client may share the limit).
 */
export class ChannelQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max = 4,
    private readonly retries = 5,
    private readonly retryDelayMs = 50,
  ) {}

  /** Channels open now, and openings waiting for a slot (for tests and diagnostics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /**
   * Wait for a slot, then open the channel with `open`. The slot is held until the returned
   * release function is called (when the channel closes), not merely until the open succeeds.
   */
  async acquire<T>(open: () => Promise<T>): Promise<{ value: T; release: () => void }> {
    await this.slot();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        return { value: await open(), release };
      } catch (thrown) {
        if (!isRefusedChannelOpen(thrown) || attempt >= this.retries) {
          release();
          throw thrown;
        }
        await delay(this.retryDelayMs * (attempt + 1));
      }
    }
  }

  /** Reject nothing, just forget: used when the connection is gone and nothing will open again. */
  drain(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }

  private slot(): Promise<void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.active += 1;
        resolve();
      });
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
