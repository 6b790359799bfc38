import type { ConnectionSource, ConnectionStatus } from '../api/ws-bridge';

/** For component tests: the web shell's socket state, set by the test. */
export class FakeConnection implements ConnectionSource {
  status: ConnectionStatus = 'open';
  retryInMs = 0;
  everOpened = true;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(status: ConnectionStatus, fields: { retryInMs?: number; everOpened?: boolean } = {}): void {
    this.status = status;
    this.retryInMs = fields.retryInMs ?? this.retryInMs;
    this.everOpened = fields.everOpened ?? this.everOpened;
    for (const listener of this.listeners) listener(status);
  }
}
