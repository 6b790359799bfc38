import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/** OpenSSH's fingerprint of a raw public key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function fingerprintOf(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

/** The key type as OpenSSH names it in its warnings (ED25519, RSA, ECDSA …), read from the blob. */
export function keyTypeOf(rawKey: Buffer): string {
  if (rawKey.length < 4) return 'unknown';
  const length = rawKey.readUInt32BE(0);
  const name = rawKey.subarray(4, 4 + length).toString('latin1');
  if (name === 'ssh-ed25519') return 'ED25519';
  if (name === 'ssh-rsa') return 'RSA';
  if (name.startsWith('ecdsa-')) return 'ECDSA';
  if (name === 'ssh-dss') return 'DSA';
  return name || 'unknown';
}

/**
 * A host-key refusal; carries the fingerprint and the key type so that the admin can be shown what
 * to trust, worded as OpenSSH words it ("ED25519 key fingerprint is SHA256:…").
 */
export class HostKeyError extends AppError {
  readonly fingerprint: string;
  readonly keyType: string | undefined;
  constructor(
    code: 'host-key-unknown' | 'host-key-changed',
    message: string,
    fingerprint: string,
    options: { hostId?: string; detail?: string; keyType?: string },
  ) {
    const { keyType, ...rest } = options;
    super(code, message, { ...rest, retryable: false });
    this.name = 'HostKeyError';
    this.fingerprint = fingerprint;
    this.keyType = keyType;
  }
}

export interface PresentedKey {
  hostName: string;
  endpoint: string;
  keyType: string;
  fingerprint: string;
}

export function unknownHostKey(key: PresentedKey, hostId?: string): HostKeyError {
  return new HostKeyError(
    'host-key-unknown',
    `The authenticity of host ${key.hostName} (${key.endpoint}) can't be established. ` +
      `Its ${key.keyType} key fingerprint is ${key.fingerprint}. Check it and trust it to connect.`,
    key.fingerprint,
    { keyType: key.keyType, ...(hostId === undefined ? {} : { hostId }) },
  );
}

/** Worded after OpenSSH's own warning, because admins know it and know to take it seriously. */
export function changedHostKey(key: PresentedKey, trusted: string, hostId?: string): HostKeyError {
  const message = [
    `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${key.hostName} (${key.endpoint})!`,
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
    'It is also possible that a host key has just been changed.',
    `The fingerprint for the ${key.keyType} key sent by the remote host is ${key.fingerprint}.`,
    `Offending key: the key trusted for ${key.hostName}, ${trusted}.`,
    'Host key verification failed: Federator did not connect and will not retry.',
  ].join('\n');
  return new HostKeyError('host-key-changed', message, key.fingerprint, {
    keyType: key.keyType,
    ...(hostId === undefined ? {} : { hostId }),
    detail: `trusted ${trusted}\npresented ${key.fingerprint}`,
  });
}
