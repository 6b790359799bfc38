import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { AppError } from '../../../shared/errors';

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
    throw new AppError(
      'key-file',
      `No key file is set for ${hostName} and no ssh-agent is running (SSH_AUTH_SOCK is not set)`,
    );
  }
  let data: Buffer;
  try {
    data = await readFile(keyPath);
  } catch (thrown) {
    const reason =
      (thrown as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(thrown);
    throw new AppError(
      'key-file',
      `Couldn't read the key file ${keyPath} for ${hostName}: ${reason}`,
      {
        detail: String(thrown),
      },
    );
  }
  const parsed = ssh2.utils.parseKey(data, passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|decrypt|bad/i.test(parsed.message);
    const why =
      passphrase === undefined && encrypted
        ? 'the key is protected by a passphrase and none was given'
        : encrypted
          ? 'the passphrase is wrong'
          : `it is not a private key ssh2 can read (${parsed.message})`;
    throw new AppError('key-file', `Couldn't use the key file ${keyPath} for ${hostName}: ${why}`, {
      detail: parsed.message,
    });
  }
  return passphrase === undefined ? { privateKey: data } : { privateKey: data, passphrase };
}
