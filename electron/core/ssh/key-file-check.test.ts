import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKeyFile } from './key-file-check';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'federator-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
};

describe('the key file, checked before a host is saved', () => {
  it('passes a private key, and an encrypted one whose passphrase is asked for later', async () => {
    const plain = ssh2.utils.generateKeyPairSync('ed25519');
    await expect(checkKeyFile('hv1', write('id', plain.private))).resolves.toBeUndefined();
    const locked = ssh2.utils.generateKeyPairSync('ed25519', {
      passphrase: 'open',
      cipher: 'aes256-cbc',
      rounds: 16,
    });
    await expect(checkKeyFile('hv1', write('locked', locked.private))).resolves.toBeUndefined();
  });

  it('refuses a missing file, a file that is no key, and a relative path, in words', async () => {
    await expect(checkKeyFile('hv1', join(dir, 'nope'))).rejects.toMatchObject({
      code: 'key-file',
      message: `Couldn't read the key file ${join(dir, 'nope')} for hv1: no such file`,
    });
    const pub = ssh2.utils.generateKeyPairSync('ed25519').public;
    await expect(checkKeyFile('hv1', write('id.pub', pub))).rejects.toMatchObject({
      code: 'key-file',
      message: expect.stringContaining('it is a public key; give the private key') as unknown,
    });
    await expect(checkKeyFile('hv1', 'id_ed25519')).rejects.toMatchObject({
      message: expect.stringContaining('give the full path of the key file') as unknown,
    });
    await expect(checkKeyFile('hv1', '~/.ssh/none', dir)).rejects.toMatchObject({
      message: "Couldn't read the key file ~/.ssh/none for hv1: no such file",
    });
  });
});
