import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import ssh2 from 'ssh2';
import { FileRefusedError, readFileCapped } from '../read-capped';
import { KeyFileError } from './key-file-error';

/** An OpenSSH RSA key of 16384 bits is 12.6 KiB; a bigger "key" is some other file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The part of ssh2's ConnectConfig that says how we prove who we are. */
export type AuthConfig = { privateKey: Buffer; passphrase?: string } | { agent: string };

/**
 * Read and decrypt the key before connecting, so that a missing file or a wrong passphrase is
 * reported as what it is ('key-file'), not as the server refusing us. No key path means
 * ssh-agent, when one is running.
 */
export async function loadAuth(
  hostName: string,
  keyPath: string | undefined,
  passphrase: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): Promise<AuthConfig> {
  if (keyPath === undefined || keyPath === '') {
    const agent = env.SSH_AUTH_SOCK;
    if (agent) return { agent };
    throw new KeyFileError(
      `No key file is set for ${hostName} and no ssh-agent is running (SSH_AUTH_SOCK is not set)`,
    );
  }
  const path = resolveKeyPath(hostName, keyPath, home);
  let data: Buffer;
  try {
    data = await readFileCapped(path, MAX_KEY_FILE_BYTES);
  } catch (thrown) {
    const reason =
      (thrown as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : thrown instanceof FileRefusedError
          ? `${thrown.message}, so it is not a private key`
          : String(thrown);
    throw new KeyFileError(`Couldn't read the key file ${keyPath} for ${hostName}: ${reason}`, {
      detail: String(thrown),
      cause: thrown,
    });
  }
  const parsed = ssh2.utils.parseKey(data, passphrase);
  if (parsed instanceof Error) {
    // ssh2 says so only in words; this is the one place that reads them, so nothing above does.
    const encrypted = /encrypted|passphrase|decrypt|bad/i.test(parsed.message);
    const missing = passphrase === undefined;
    const why =
      missing && encrypted
        ? 'the key is protected by a passphrase and none was given'
        : encrypted
          ? 'the passphrase is wrong'
          : `it is not a private key ssh2 can read (${parsed.message})`;
    throw new KeyFileError(`Couldn't use the key file ${keyPath} for ${hostName}: ${why}`, {
      detail: parsed.message,
      ...(encrypted ? { passphrase: missing ? 'missing' : 'wrong' } : {}),
    });
  }
  if (!parsed.isPrivateKey()) {
    throw new KeyFileError(
      `Couldn't use the key file ${keyPath} for ${hostName}: it is a public key; give the private key (the same path without .pub)`,
    );
  }
  return passphrase === undefined ? { privateKey: data } : { privateKey: data, passphrase };
}

/**
 * The key file's real path. The form suggests `~/.ssh/id_ed25519` as a shell would read it, so a
 * leading `~/` is the user's home; any other relative path would depend on the app's working
 * directory, so it is refused with the words the admin needs.
 */
export function resolveKeyPath(hostName: string, keyPath: string, home: string): string {
  const path = keyPath.startsWith('~/') ? join(home, keyPath.slice(2)) : keyPath;
  if (isAbsolute(path)) return path;
  throw new KeyFileError(
    `Couldn't use the key file ${keyPath} for ${hostName}: give the full path of the key file, e.g. /home/you/.ssh/id_ed25519 or ~/.ssh/id_ed25519`,
  );
}
