import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { KeyFileError } from './key-file-error';

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
): Promise<AuthConfig> {
  if (keyPath === undefined || keyPath === '') {
    const agent = env.SSH_AUTH_SOCK;
    if (agent) return { agent };
    throw new KeyFileError(
      `No key file is set for ${hostName} and no ssh-agent is running (SSH_AUTH_SOCK is not set)`,
    );
  }
  let data: Buffer;
  try {
    data = await readFile(keyPath);
  } catch (thrown) {
    const reason =
      (thrown as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(thrown);
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
  return passphrase === undefined ? { privateKey: data } : { privateKey: data, passphrase };
}
