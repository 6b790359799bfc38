import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * The inventory is saved by rewriting the whole file, so two consoles on one data folder (the window
 * and `npm run web` both default to ~/.config/federator) would silently undo each other's changes.
 * One lock file per folder holds the owner's pid; a lock whose process is gone is left from a crash.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'federator.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new AppError(
          'conflict',
          `Another Federator (process ${owner}) is using the data folder ${dataDir}; close it or choose another folder`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new AppError('internal', `Couldn't lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM'); // exists, owned by someone else
  }
}

export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
