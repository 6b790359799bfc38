import type { WebhookPayload, WebhookSettings, WebhookStatus } from '../../../shared/domain/alert';

/** POSTs a body; resolves the HTTP status, rejects on a network error or the timeout. */
export type PostJson = (url: string, body: string, timeoutMs: number) => Promise<number>;

export interface WebhookOptions {
  settings: () => WebhookSettings;
  /** Told after every change of the status (queued, a success, a failure). */
  onStatus: (status: WebhookStatus) => void;
  log: (level: 'warning' | 'info', message: string, detail?: string) => void;
  post?: PostJson;
  now?: () => number;
  /** First retry after `baseMs`, doubling up to `capMs`; given up after `attempts` tries. */
  retry?: { baseMs: number; capMs: number; attempts: number };
  /** Deliveries waiting at most; past it the oldest waiting one is dropped. */
  queueSize?: number;
  timeoutMs?: number;
}

const DEFAULT_RETRY = { baseMs: 2000, capMs: 5 * 60_000, attempts: 8 };

/**
 * The webhook: each fired and resolved alert becomes one JSON POST, sent in order by one worker,
 * retried with exponential backoff up to a cap, then given up. The queue is bounded and `enqueue`
 * never waits, so a slow or dead receiver never holds up evaluation. The URL may carry a token:
 * only its origin is ever written to the log or the status.
 */
export class WebhookSender {
  private readonly queue: { body: string; tries: number }[] = [];
  private readonly state: WebhookStatus = { queued: 0, dropped: 0 };
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private stopped = false;
  private readonly retry;
  private readonly now: () => number;
  private readonly post: PostJson;

  constructor(private readonly options: WebhookOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.now = options.now ?? Date.now;
    this.post = options.post ?? postJson;
  }

  status(): WebhookStatus {
    return { ...this.state, queued: this.queue.length };
  }

  /** Queue one delivery (nothing when the webhook is off). Returns at once. */
  enqueue(payload: WebhookPayload): void {
    const { url, enabled } = this.options.settings();
    if (!enabled || url === '' || this.stopped) return;
    this.queue.push({ body: JSON.stringify(payload), tries: 0 });
    if (this.queue.length > (this.options.queueSize ?? 200)) {
      // The oldest waiting one goes (the head may be in flight: keep it).
      this.queue.splice(this.sending ? 1 : 0, 1);
      this.state.dropped += 1;
    }
    this.changed();
    this.kick(0);
  }

  /** One attempt now, outside the queue (the window's "Send a test"). */
  async test(payload: WebhookPayload): Promise<WebhookStatus> {
    const { url } = this.options.settings();
    if (url === '') return this.status();
    await this.attempt(url, JSON.stringify(payload));
    return this.status();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private kick(delayMs: number): void {
    if (this.sending || this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sendHead();
    }, delayMs);
    this.timer.unref();
  }

  private async sendHead(): Promise<void> {
    const head = this.queue[0];
    if (!head || this.stopped) return;
    const { url, enabled } = this.options.settings();
    if (!enabled || url === '') {
      this.queue.length = 0; // turned off meanwhile: what waits is not wanted any more
      this.changed();
      return;
    }
    this.sending = true;
    head.tries += 1;
    const ok = await this.attempt(url, head.body);
    this.sending = false;
    if (ok || head.tries >= this.retry.attempts) {
      this.queue.shift();
      if (!ok) {
        this.state.dropped += 1;
        this.options.log(
          'warning',
          `Gave up delivering an alert to the webhook at ${redactUrl(url)} after ${head.tries} tries`,
          this.state.lastError?.message,
        );
      }
      this.changed();
      if (this.queue.length > 0) this.kick(0);
      return;
    }
    this.kick(Math.min(this.retry.capMs, this.retry.baseMs * 2 ** (head.tries - 1)));
  }

  /** One POST; the status records it. A first failure after a success is logged, not each retry. */
  private async attempt(url: string, body: string): Promise<boolean> {
    this.state.lastAttemptAt = this.now();
    try {
      const status = await this.post(url, body, this.options.timeoutMs ?? 10_000);
      if (status >= 200 && status < 300) {
        this.state.lastSuccessAt = this.now();
        delete this.state.lastError;
        return true;
      }
      this.fail(url, `the receiver answered HTTP ${status}`);
    } catch (error) {
      this.fail(url, errorMessage(error).split(url).join(redactUrl(url)));
    } finally {
      this.changed();
    }
    return false;
  }

  private fail(url: string, message: string): void {
    const first = this.state.lastError === undefined;
    this.state.lastError = { at: this.now(), message };
    if (first)
      this.options.log(
        'warning',
        `Couldn't deliver an alert to the webhook at ${redactUrl(url)}: ${message}; retrying with backoff`,
      );
  }

  private changed(): void {
    this.options.onStatus(this.status());
  }
}

/** The URL's scheme, host and port only: a path or query may hold a token. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname === '/' && u.search === '' ? u.origin : `${u.origin}/…`;
  } catch {
    return '(an invalid URL)';
  }
}

const postJson: PostJson = async (url, body, timeoutMs) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Federator alerts' },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  return response.status;
};

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED, a timeout) in its cause. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error.name === 'TimeoutError' ? 'no answer in time' : `${error.message}${cause}`;
}
