import type { SecretBox } from './core/secrets/secret-box';

/** The part of Electron's safeStorage the box uses (injected, so a test can stand in for it). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
  getSelectedStorageBackend?(): string;
}

/**
 * BMC passwords sealed with the OS keychain (Keychain on macOS, DPAPI on Windows, libsecret or
 * KWallet on Linux) through Electron's safeStorage. On Linux without a keyring Electron falls
 * back to a fixed key ('basic_text'): the box says so, since the file's 0600 is then all there is.
 */
export function safeStorageBox(
  safeStorage: SafeStorageLike,
  platform = process.platform,
): SecretBox {
  const plainText =
    platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  const available = async (): Promise<void> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new Error('the OS keychain is not available to encrypt the BMC password');
    }
  };
  return {
    scheme: 'os-keychain',
    protection: plainText
      ? 'encrypted with a fixed key (no OS keyring found), in a file readable by your user only (0600)'
      : 'encrypted with the OS keychain, in a file readable by your user only (0600)',
    async seal(plain) {
      await available();
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async open(sealed) {
      await available();
      return (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result;
    },
  };
}
