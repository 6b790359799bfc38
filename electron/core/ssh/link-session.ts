import type { AppError } from '../../../shared/errors';
import type { RemoteShell } from './remote-shell';

/** What a host link needs of a connection: a shell that can tell it ended, and be ended. */
export interface LinkSession extends RemoteShell {
  /** The SHA256 fingerprint of the host key this connection verified. */
  readonly fingerprint: string;
  onClose(listener: (error?: AppError) => void): () => void;
  close(): Promise<void>;
}
