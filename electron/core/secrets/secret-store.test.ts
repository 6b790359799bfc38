import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileBox, type SecretBox } from './secret-box';
import { openSecretStore, SECRETS_FILE } from './secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'federator-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A stand-in for the keychain box: reversible, and never the plain text. */
const keychainBox: SecretBox = {
  scheme: 'os-keychain',
  protection: 'test keychain',
  seal: (plain) => Promise.resolve(Buffer.from(plain).reverse().toString('base64')),
  open: (sealed) => Promise.resolve(Buffer.from(sealed, 'base64').reverse().toString()),
};

describe('secret store', () => {
  it('keeps secrets in secrets.json of mode 0600, and gives them back', async () => {
    const store = openSecretStore(dir, fileBox);
    expect(await store.get('power:hv3')).toBeUndefined();
    await Promise.all([store.set('power:hv3', 's3cret'), store.set('power:hv1', 'other')]);
    expect(await store.get('power:hv3')).toEqual({ ok: true, value: 's3cret' });
    expect(await store.get('power:hv1')).toEqual({ ok: true, value: 'other' });
    expect((await stat(join(dir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
    await store.remove('power:hv3');
    expect(await store.get('power:hv3')).toBeUndefined();
    expect(await store.get('power:hv1')).toEqual({ ok: true, value: 'other' });
  });

  it('writes only what the box sealed', async () => {
    await openSecretStore(dir, keychainBox).set('power:hv3', 'plain-password');
    const text = await readFile(join(dir, SECRETS_FILE), 'utf8');
    expect(text).not.toContain('plain-password');
    expect(await openSecretStore(dir, keychainBox).get('power:hv3')).toEqual({
      ok: true,
      value: 'plain-password',
    });
  });

  it("says a secret sealed by another box (the desktop app's keychain) cannot be read here", async () => {
    await openSecretStore(dir, keychainBox).set('power:hv3', 'x');
    expect(await openSecretStore(dir, fileBox).get('power:hv3')).toEqual({
      ok: false,
      sealedBy: 'os-keychain',
    });
  });
});
