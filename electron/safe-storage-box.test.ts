import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretStore, SECRETS_FILE } from './core/secrets/secret-store';
import { fileBox } from './core/secrets/secret-box';
import { safeStorageBox, type SafeStorageLike } from './safe-storage-box';

/** Stands in for Electron's safeStorage: XOR with a key the file never holds. */
const fakeSafeStorage = (available = true, backend = 'gnome_libsecret'): SafeStorageLike => ({
  isAsyncEncryptionAvailable: () => Promise.resolve(available),
  encryptStringAsync: (plain) =>
    Promise.resolve(Buffer.from(Buffer.from(plain).map((b) => b ^ 0x5a))),
  decryptStringAsync: (sealed) =>
    Promise.resolve({ result: Buffer.from(sealed.map((b) => b ^ 0x5a)).toString() }),
  getSelectedStorageBackend: () => backend,
});

describe('safeStorage box (the desktop app)', () => {
  it('stores the password only as safeStorage encrypted it, and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'federator-safe-'));
    try {
      const store = openSecretStore(dir, safeStorageBox(fakeSafeStorage()));
      await store.set('power:hv3', 'bmc-password');
      expect(await readFile(join(dir, SECRETS_FILE), 'utf8')).not.toContain('bmc-password');
      expect(await store.get('power:hv3')).toEqual({ ok: true, value: 'bmc-password' });
      // The web console, opening the same data folder, cannot read it and says why.
      expect(await openSecretStore(dir, fileBox).get('power:hv3')).toEqual({
        ok: false,
        sealedBy: 'os-keychain',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to store without a keychain, and says when Linux has only a fixed key', async () => {
    await expect(safeStorageBox(fakeSafeStorage(false)).seal('x')).rejects.toThrow(
      'the OS keychain is not available',
    );
    expect(safeStorageBox(fakeSafeStorage(true, 'basic_text'), 'linux').protection).toContain(
      'fixed key',
    );
  });
});
