import { connect as tcpConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { AppError } from '../../../shared/errors';
import { changedHostKey, fingerprintOf, keyTypeOf, unknownHostKey } from './host-key';
import { loadAuth } from './key-auth';
import { jumpHopFailed, type JumpHop, openForward } from './ssh-jump';
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
  /**
   * Reach the target through this host (OpenSSH's ProxyJump): one SSH connection to it, and the
   * target's connection carried in one forwarded channel. Its key is verified like any host's.
   */
  jump?: SshTarget;
}

/**
 * Open one long-lived SSH connection. The host key is checked during the key exchange, before we
 * authenticate: an unknown or changed key aborts the handshake, so nothing is ever sent to a host
 * we do not trust. Through a jump host, each hop's failure names that hop.
 */
export async function openSshSession(
  target: SshTarget,
  timing: Partial<SshTiming> = {},
  signal?: AbortSignal,
): Promise<SshSession> {
  const t: SshTiming = { ...DEFAULT_SSH_TIMING, ...timing };
  const jump = target.jump;
  const peer = peerOf(target, jump?.hostName);
  if (jump === undefined) {
    const { client, presented, socket } = await handshake(target, peer, t, signal);
    return new SshSession(client, peer, t, presented, () => socket?.bytesRead ?? 0);
  }
  const hop: JumpHop = { target: target.hostName, jump: jump.hostName };
  let jumpClient: Client;
  try {
    jumpClient = (await handshake(jump, peerOf(jump), t, signal)).client;
  } catch (thrown) {
    throw jumpHopFailed(hop, AppError.from(thrown), target.hostId);
  }
  try {
    const sock = await openForward(jumpClient, hop, target, t.readyTimeoutMs);
    const { client, presented } = await handshake(target, peer, t, signal, sock);
    const session = new SshSession(client, peer, t, presented);
    // The jump connection lives exactly as long as the session it carries.
    jumpClient.on('close', () => client.destroy());
    session.onClose(() => jumpClient.end());
    return session;
  } catch (thrown) {
    jumpClient.destroy();
    throw thrown;
  }
}

function peerOf(target: SshTarget, via?: string): Peer {
  return {
    hostName: target.hostName,
    endpoint: `${target.address}:${target.port}${via === undefined ? '' : ` via ${via}`}`,
    user: target.user,
    ...(target.hostId === undefined ? {} : { hostId: target.hostId }),
  };
}

/** One SSH handshake, over TCP or over `sock` (a channel forwarded by a jump host). */
async function handshake(
  target: SshTarget,
  peer: Peer,
  t: SshTiming,
  signal: AbortSignal | undefined,
  sock?: Duplex,
): Promise<{ client: Client; presented: string; socket?: Socket }> {
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

  // Our own TCP socket, so that the session can count the bytes it receives (silence-watch.ts).
  const socket =
    sock === undefined ? tcpConnect({ host: target.address, port: target.port }) : undefined;
  const transport: Duplex = socket ?? (sock as Duplex);
  return new Promise((resolve, reject) => {
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
      socket?.destroy();
      reject(keyVerdict ?? classifySshError(thrown, peer));
    }
    function onReady(): void {
      if (settled) return;
      settled = true;
      detach();
      signal?.removeEventListener('abort', onAbort);
      resolve({ client, presented, ...(socket === undefined ? {} : { socket }) });
    }
    client.once('ready', onReady).once('error', fail).once('close', onClose);
    // Closing the link while a handshake is under way must not leave that socket behind.
    const onAbort = (): void =>
      fail(new AppError('unreachable', `Connecting to ${peer.hostName} was cancelled`));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      client.connect({
        sock: transport,
        username: target.user,
        ...auth,
        hostVerifier: verify,
        keepaliveInterval: t.keepaliveMs,
        // Direct: the session counts the silence itself, from every byte received; ssh2's own
        // count (of replies only) would call a reply queued behind a long output a lost host.
        // Through a jump host there is no socket to count: ssh2's count decides.
        keepaliveCountMax: socket === undefined ? t.keepaliveCount : Number.MAX_SAFE_INTEGER,
        readyTimeout: t.readyTimeoutMs,
        agentForward: false,
      });
      // Nagle's algorithm held each small exec back by ~40 ms on loopback (FIELD-NOTES).
      if (sock === undefined) client.setNoDelay(t.noDelay);
    } catch (thrown) {
      fail(thrown);
    }
  });
}
