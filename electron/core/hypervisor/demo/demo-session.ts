import { AppError } from '../../../../shared/errors';
import type { LinkSession } from '../../ssh/link-session';
import type { ExecResult, LineStream } from '../../ssh/remote-shell';

/**
 * A connection to a simulated host: no SSH and no shell (the demo driver talks to the world
 * directly), but it ends as a real one does, so the host link's machine sees the host go away.
 */
export class DemoSession implements LinkSession {
  /** A simulated host presents no host key: there is nothing to trust. */
  readonly fingerprint = '';
  private ended = false;
  private endedWith: AppError | undefined;
  private readonly listeners = new Set<(error?: AppError) => void>();

  constructor(
    private readonly hostName: string,
    private readonly onEnd: (session: DemoSession) => void,
  ) {}

  exec(): Promise<ExecResult> {
    return Promise.reject(this.noShell());
  }

  stream(): Promise<LineStream> {
    return Promise.reject(this.noShell());
  }

  onClose(listener: (error?: AppError) => void): () => void {
    if (this.ended) {
      // As SshSession: a listener that comes after the end still hears it.
      queueMicrotask(() => listener(this.endedWith));
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The simulated network dropped: the link hears why. */
  lose(error: AppError): void {
    this.end(error);
  }

  close(): Promise<void> {
    this.end(undefined);
    return Promise.resolve();
  }

  private end(error: AppError | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.endedWith = error;
    this.onEnd(this);
    for (const listener of this.listeners) listener(error);
    this.listeners.clear();
  }

  private noShell(): AppError {
    return new AppError('internal', `${this.hostName} is a simulated host: it runs no commands`);
  }
}
