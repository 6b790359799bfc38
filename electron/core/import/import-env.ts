import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { IMPORT_MAX_BYTES } from '../../../shared/domain/host-import';
import { AppError } from '../../../shared/errors';

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
      let info;
      try {
        info = await stat(path);
      } catch (thrown) {
        throw new AppError('not-found', `Couldn't read ${path}: no such file`, {
          detail: String(thrown),
        });
      }
      if (!info.isFile()) {
        throw new AppError('invalid-request', `Couldn't read ${path}: it is not a regular file`);
      }
      if (info.size > IMPORT_MAX_BYTES) {
        throw new AppError(
          'invalid-request',
          `Couldn't read ${path}: it is ${Math.ceil(info.size / 1024)} KiB, over the ${IMPORT_MAX_BYTES / 1024} KiB an import reads`,
        );
      }
      return readFile(path, 'utf8');
    },
    listDir: (path) => readdir(path).catch(() => []),
  };
}
