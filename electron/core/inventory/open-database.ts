import { rename } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { isCode } from '../errno';
import { readFileCapped } from '../read-capped';
import { migrate, NewerSchemaError } from './migrations';

export type InventoryLogger = (
  level: 'info' | 'warning' | 'error',
  message: string,
  detail?: string,
) => void;

/** Hosts, keys, services and a plan journal take a few MiB at most; sql.js holds the whole file
 * in memory, so a file far bigger is not ours, and is refused rather than read. */
export const MAX_INVENTORY_BYTES = 256 * 1024 * 1024;

/**
 * Open the inventory file, or start an empty one. A file that cannot be read, is not a database, or
 * was written by a newer Federator is renamed aside (never deleted) with a log line saying where, so
 * the admin can recover it; the console then starts with an empty inventory rather than not at all.
 */
export async function openDatabase(
  SQL: SqlJsStatic,
  path: string,
  log: InventoryLogger,
  maxBytes = MAX_INVENTORY_BYTES,
): Promise<Database> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFileCapped(path, maxBytes);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) await keepAside(path, 'could not be read', error, log);
  }
  if (bytes !== undefined) {
    let db: Database | undefined;
    try {
      db = new SQL.Database(bytes);
      checkIntegrity(db);
      const { from, to } = migrate(db);
      if (from !== to) log('info', `Inventory ${path} upgraded from schema ${from} to ${to}`);
      return db;
    } catch (error) {
      db?.close();
      const why =
        error instanceof NewerSchemaError ? 'was written by a newer Federator' : 'is damaged';
      await keepAside(path, why, error, log);
    }
  }
  const db = new SQL.Database();
  migrate(db);
  return db;
}

function checkIntegrity(db: Database): void {
  // sql.js accepts any bytes in its constructor; the first query is what finds a damaged file.
  const result = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
  if (result !== 'ok') throw new Error(`integrity check failed: ${String(result)}`);
}

async function keepAside(
  path: string,
  why: string,
  error: unknown,
  log: InventoryLogger,
): Promise<void> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  const reason = error instanceof Error ? error.message : String(error);
  log(
    'error',
    `The inventory ${path} ${why} (${reason}); it was kept as ${aside} and the console starts with an empty inventory`,
    error instanceof Error ? error.stack : undefined,
  );
}
