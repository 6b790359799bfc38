import { randomBytes } from 'node:crypto';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isCode } from '../errno';
import { FileRefusedError, readFileCapped } from '../read-capped';
import { processStartTime } from './process-start';

/** Ours is a line of JSON; a lock file much bigger than that was not written by a Federator. */
const MAX_LOCK_BYTES = 4096;
/** What a lock file too big (or not a file) reads as: no owner, so a stale lock to take over. */
const NOT_A_LOCK = '\0not a lock file';

/** Lock files this process holds: a lock naming our pid is stale unless it is one of these. */
const held = new Set<string>();

/**
 * The inventory is saved by rewriting the whole file, so two consoles on one data folder (the window
 * and `npm run web` both default to ~/.config/federator) would silently undo each other's changes.
 * One lock file per folder names its owner by pid and the process's start time: a pid alone may be
 * reused after a crash (in a container we are often pid 1 again), the pair is not.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'federator.lock');
  const mine = JSON.stringify({ pid: process.pid, start: await processStartTime(process.pid) });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWith(path, mine)) {
      held.add(path);
      return async () => {
        held.delete(path);
        await rm(path, { force: true });
      };
    }
    const seen = await readLock(path);
    if (seen === undefined) continue; // released meanwhile
    const owner = parseOwner(seen);
    if (owner !== undefined && (await isLive(owner, path))) {
      throw new AppError(
        'conflict',
        `Another Federator (process ${owner.pid}) is using the data folder ${dataDir}; close it or choose another folder`,
      );
    }
    await removeIfStill(path, seen);
  }
  throw new AppError('internal', `Couldn't lock the data folder ${dataDir}`);
}

/** Create the file with its content in one step (link() fails if it exists): never seen half-written. */
async function createWith(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Take a stale lock away only if it is still the one we judged: moved aside under a name of our
 * own (one mover wins), then checked. Another console that took it over meanwhile gets it back.
 */
async function removeIfStill(path: string, seen: string): Promise<void> {
  const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return; // someone else moved it first
    throw error;
  }
  const moved = await readLock(aside);
  if (moved !== seen) await link(aside, path).catch(() => undefined);
  await rm(aside, { force: true });
}

interface Owner {
  pid: number;
  start?: string | null;
}

function parseOwner(text: string): Owner | undefined {
  const bare = Number(text.trim()); // written by versions that stored the pid alone
  if (Number.isInteger(bare) && bare > 0) return { pid: bare };
  try {
    const parsed = JSON.parse(text) as Partial<Owner>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid ?? 0) <= 0) return undefined;
    return { pid: parsed.pid!, start: typeof parsed.start === 'string' ? parsed.start : null };
  } catch {
    return undefined;
  }
}

async function isLive(owner: Owner, path: string): Promise<boolean> {
  if (owner.pid === process.pid) return held.has(path); // our pid, left by an earlier life of it
  if (!isAlive(owner.pid)) return false;
  if (typeof owner.start !== 'string') return true; // no start time to compare: trust the pid
  const start = await processStartTime(owner.pid);
  return start === undefined || start === owner.start;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM'); // exists, owned by someone else
  }
}

/** The lock's text, read with a limit; undefined if it is gone (or cannot be read at all). */
async function readLock(path: string): Promise<string | undefined> {
  try {
    return (await readFileCapped(path, MAX_LOCK_BYTES)).toString('utf8');
  } catch (error) {
    return error instanceof FileRefusedError ? NOT_A_LOCK : undefined;
  }
}
