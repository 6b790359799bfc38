import { AppError } from '../../../shared/errors';

/** Who the error is about: every message names the host, and where it was reached. */
export interface Peer {
  hostName: string;
  endpoint: string;
  user: string;
  hostId?: string;
}

interface NodeLikeError {
  message: string;
  code?: unknown;
  level?: unknown;
}

function asNodeError(thrown: unknown): NodeLikeError {
  if (thrown instanceof Error) return thrown;
  return { message: String(thrown) };
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is sshd running?)',
  ETIMEDOUT: 'did not answer (connection timed out)',
  EHOSTUNREACH: 'is unreachable (no route to host)',
  ENETUNREACH: 'is unreachable (network unreachable)',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
  ENOTFOUND: 'has an address that does not resolve',
  EAI_AGAIN: 'has an address that could not be resolved right now',
};

/**
 * Turn whatever ssh2 or the socket threw while connecting or while connected into the AppError
 * code that decides what happens next: reconnect with backoff ('unreachable') or wait for the
 * admin ('auth-failed'). Host-key and key-file errors are raised earlier, with their own wording.
 */
export function classifySshError(thrown: unknown, peer: Peer): AppError {
  if (thrown instanceof AppError) return thrown;
  const error = asNodeError(thrown);
  const where = `${peer.hostName} (${peer.endpoint})`;
  const base = {
    detail: error.message,
    cause: thrown,
    ...(peer.hostId ? { hostId: peer.hostId } : {}),
  };
  const code = typeof error.code === 'string' ? error.code : undefined;

  if (code !== undefined && code in NETWORK_WORDS) {
    return new AppError('unreachable', `${where} ${NETWORK_WORDS[code]}`, base);
  }
  if (error.message === 'All configured authentication methods failed') {
    return new AppError(
      'auth-failed',
      `${where} refused our key for user ${peer.user}: check the key file and the user's authorized_keys`,
      base,
    );
  }
  if (error.message.startsWith('Keepalive timeout')) {
    return new AppError('unreachable', `${where} stopped answering (keepalive timed out)`, base);
  }
  if (error.message.startsWith('Timed out while waiting for handshake')) {
    return new AppError('unreachable', `${where} did not complete the SSH handshake in time`, base);
  }
  if (error.level === 'client-socket' || error.level === 'protocol') {
    return new AppError(
      'unreachable',
      `Lost the SSH connection to ${where}: ${error.message}`,
      base,
    );
  }
  return new AppError('unreachable', `SSH to ${where} failed: ${error.message}`, base);
}

/** Nothing came from the host for `silentMs`, keepalive replies included: it stopped answering. */
export function silentHost(peer: Peer, silentMs: number): AppError {
  return new AppError(
    'unreachable',
    `${peer.hostName} (${peer.endpoint}) stopped answering (nothing heard for ${(silentMs / 1000).toFixed(1)} s)`,
    { ...(peer.hostId ? { hostId: peer.hostId } : {}) },
  );
}

export function connectionLost(peer: Peer): AppError {
  return new AppError(
    'unreachable',
    `Lost the SSH connection to ${peer.hostName} (${peer.endpoint})`,
    {
      ...(peer.hostId ? { hostId: peer.hostId } : {}),
    },
  );
}

/** OpenSSH refuses a channel past MaxSessions with this reason; such an open is worth retrying. */
export function isRefusedChannelOpen(thrown: unknown): boolean {
  const message = asNodeError(thrown).message;
  return /Channel open failure|open failed|administratively prohibited/i.test(message);
}
