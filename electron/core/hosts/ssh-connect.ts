import { Client } from 'ssh2';
import { AppError } from '../../../shared/errors';
import { changedHostKey, fingerprintOf, keyTypeOf, unknownHostKey } from './host-key';
import { loadAuth } from './key-auth';
import { classifySshError, type Peer } from './ssh-errors';
import { SshSession } from './ssh-session';
import { DEFAULT_SSH_TIMING, type SshTiming } from './ssh-timing';

/** Where and as whom to connect, and which host key we already trust (none: first contact). */
export interface SshTarget {
  hostName: string;
  hostId?: string;
  address: string;
  port: number;
  user: string;
  keyPath?: string;
  passphrase?: string;
  trustedFingerprint?: string;
}

/**
 * Open one long-lived SSH connection. The host key is checked during the key exchange, before we
 * authenticate: an unknown or changed key aborts the handshake, so nothing is ever sent to a host
 * we do not trust.
 */
export async function openSshSession(
  target: SshTarget,
  timing: Partial<SshTiming> = {},
  signal?: AbortSignal,
): Promise<SshSession> {
  const t: SshTiming = { ...DEFAULT_SSH_TIMING, ...timing };
  const peer: Peer = {
    hostName: target.hostName,
    endpoint: `${target.address}:${target.port}`,
    user: target.user,
    ...(target.hostId === undefined ? {} : { hostId: target.hostId }),
  };
  const auth = await loadAuth(target.hostName, target.keyPath, target.passphrase);
  const client = new Client();
  let keyVerdict: AppError | undefined;
  let presented = '';

  const verify = (rawKey: Buffer): boolean => {
    presented = fingerprintOf(rawKey);
    const key = { ...peer, keyType: keyTypeOf(rawKey), fingerprint: presented };
    if (target.trustedFingerprint === undefined) keyVerdict = unknownHostKey(key, target.hostId);
    else if (target.trustedFingerprint !== presented) {
      keyVerdict = changedHostKey(key, target.trustedFingerprint, target.hostId);
    }
    return keyVerdict === undefined;
  };

  return new Promise<SshSession>((resolve, reject) => {
    let settled = false;
    const onClose = (): void => fail(new Error('Connection closed during the SSH handshake'));
    const detach = (): void => {
      client.off('ready', onReady).off('error', fail).off('close', onClose);
    };
    function fail(thrown: unknown): void {
      if (settled) return;
      settled = true;
      detach();
      signal?.removeEventListener('abort', onAbort);
      client.on('error', () => undefined); // late socket errors after we gave up are not news
      client.destroy();
      reject(keyVerdict ?? classifySshError(thrown, peer));
    }
    function onReady(): void {
      if (settled) return;
      settled = true;
      detach();
      signal?.removeEventListener('abort', onAbort);
      resolve(new SshSession(client, peer, t, presented));
    }
    client.once('ready', onReady).once('error', fail).once('close', onClose);
    // Closing the link while a handshake is under way must not leave that socket behind.
    const onAbort = (): void =>
      fail(new AppError('unreachable', `Connecting to ${peer.hostName} was cancelled`));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      client.connect({
        host: target.address,
        port: target.port,
        username: target.user,
        ...auth,
        hostVerifier: verify,
        keepaliveInterval: t.keepaliveMs,
        keepaliveCountMax: t.keepaliveCount,
        readyTimeout: t.readyTimeoutMs,
        agentForward: false,
      });
      // Nagle's algorithm held each small exec back by ~40 ms on loopback (FIELD-NOTES).
      client.setNoDelay(t.noDelay);
    } catch (thrown) {
      fail(thrown);
    }
  });
}
