import { readdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { IMPORT_MAX_BYTES } from '../../../shared/domain/host-import';
import { AppError } from '../../../shared/errors';
import { FileRefusedError, readFileCapped } from '../read-capped';

/** What reading an import needs from the machine: injected, so parsers are tested on text alone. */
export interface ImportEnv {
  home: string;
  /** The console user's login name: the SSH user when a file names none (as OpenSSH does). */
  user: string;
  /** A file's text, refused past IMPORT_MAX_BYTES and when it is not a regular file. */
  readFile(path: string): Promise<string>;
  /** Names in a folder ([] when there is none). */
  listDir(path: string): Promise<string[]>;
}

/** `~` and `~/x` to the home folder; relative paths under `base`. */
export function expandHome(path: string, home: string, base = home): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? path : join(base, path);
}

export function machineEnv(): ImportEnv {
  const home = homedir();
  return {
    home,
    user: userInfo().username,
    readFile: async (path) => {
      try {
        // The one capped reader: never more than the limit read, even from a file that grows.
        return (await readFileCapped(path, IMPORT_MAX_BYTES)).toString('utf8');
      } catch (thrown) {
        if (thrown instanceof FileRefusedError) {
          throw new AppError('invalid-request', `Couldn't read ${path}: ${thrown.message}`);
        }
        throw new AppError('not-found', `Couldn't read ${path}: no such file`, {
          detail: String(thrown),
        });
      }
    },
    listDir: (path) => readdir(path).catch(() => []),
  };
}
