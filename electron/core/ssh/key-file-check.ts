import { homedir } from 'node:os';
import { loadAuth } from './key-auth';
import { KeyFileError } from './key-file-error';

/**
 * Before a host is stored: the key file exists, can be read and holds a private key. A key that
 * only lacks its passphrase passes (the host then asks for it, as it does on every start); anything
 * else is refused now, with the same words the connection would have used, and nothing is saved.
 */
export async function checkKeyFile(
  hostName: string,
  keyPath: string,
  home: string = homedir(),
): Promise<void> {
  try {
    await loadAuth(hostName, keyPath, undefined, {}, home);
  } catch (thrown) {
    if (thrown instanceof KeyFileError && thrown.passphrase !== undefined) return;
    throw thrown;
  }
}
