import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedHostKey, fingerprintOf, keyTypeOf, unknownHostKey } from './host-key';

const dir = mkdtempSync(join(tmpdir(), 'federator-hostkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeKey(type: 'ed25519' | 'rsa' | 'ecdsa'): { blob: Buffer; expected: string } {
  const file = join(dir, `key-${type}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const blob = Buffer.from(readFileSync(`${file}.pub`, 'utf8').split(' ')[1]!, 'base64');
  const expected = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  return { blob, expected };
}

describe('host key fingerprints', () => {
  it.each(['ed25519', 'rsa', 'ecdsa'] as const)('match ssh-keygen -l for %s keys', (type) => {
    const { blob, expected } = makeKey(type);
    expect(fingerprintOf(blob)).toBe(expected);
    expect(fingerprintOf(blob)).not.toContain('=');
    expect(keyTypeOf(blob)).toBe(type.toUpperCase());
  });

  it('words refusals like OpenSSH and carries the presented fingerprint', () => {
    const key = {
      hostName: 'hv1',
      endpoint: '127.0.0.11:22',
      keyType: 'ED25519',
      fingerprint: 'SHA256:new',
    };
    const changed = changedHostKey(key, 'SHA256:old', 'h1');
    expect(changed.code).toBe('host-key-changed');
    expect(changed.retryable).toBe(false);
    expect(changed.fingerprint).toBe('SHA256:new');
    expect(changed.keyType).toBe('ED25519');
    expect(changed.message).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(changed.message).toContain('Offending key');
    expect(changed.message).toContain(
      'The fingerprint for the ED25519 key sent by the remote host is SHA256:new',
    );
    const unknown = unknownHostKey(key);
    expect(unknown.code).toBe('host-key-unknown');
    expect(unknown.message).toContain('SHA256:new');
    expect(unknown.keyType).toBe('ED25519');
  });
});
