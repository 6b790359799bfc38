import { rename } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import type { InventoryNotice } from '../../../shared/domain/inventory-notice';
import { isCode } from '../errno';
import { readFileCapped } from '../read-capped';
import { migrate, NewerSchemaError } from './migrations';

export type InventoryLogger = (
  level: 'info' | 'warning' | 'error',
  message: string,
  detail?: string,
) => void;

/** The database to use, and the notice for the admin when the file on disk could not be used. */
export interface OpenedDatabase {
  db: Database;
  keptAside?: InventoryNotice;
}

/** Hosts, keys, services and a plan journal take a few MiB at most; sql.js holds the whole file
 * in memory, so a file far bigger is not ours, and is refused rather than read. */
export const MAX_INVENTORY_BYTES = 256 * 1024 * 1024;

const WHY: Record<InventoryNotice['reason'], string> = {
  empty: 'is empty (0 bytes)',
  damaged: 'is damaged',
  newer: 'was written by a newer Federator',
  unreadable: 'could not be read',
};

/**
 * Open the inventory file, or start an empty one. A file that cannot be read, is empty, is not a
 * database, or was written by a newer Federator is renamed aside (never deleted, never written
 * over) with a log line saying where; the console then starts with an empty inventory rather than
 * not at all, and the caller tells the admin in the window (the notice returned).
 */
export async function openDatabase(
  SQL: SqlJsStatic,
  path: string,
  log: InventoryLogger,
  maxBytes = MAX_INVENTORY_BYTES,
): Promise<OpenedDatabase> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFileCapped(path, maxBytes);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) {
      return fresh(SQL, await keepAside(path, 'unreadable', error, log));
    }
  }
  if (bytes === undefined) return fresh(SQL);
  // No save of ours is ever empty (a new inventory has its schema): 0 bytes is a file cut short,
  // which sql.js would take for a new database and the first save would then write over.
  if (bytes.length === 0) {
    return fresh(SQL, await keepAside(path, 'empty', new Error('the file has 0 bytes'), log));
  }
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    checkIntegrity(db);
    const { from, to } = migrate(db);
    if (from !== to) log('info', `Inventory ${path} upgraded from schema ${from} to ${to}`);
    return { db };
  } catch (error) {
    db?.close();
    const reason = error instanceof NewerSchemaError ? 'newer' : 'damaged';
    return fresh(SQL, await keepAside(path, reason, error, log));
  }
}

function fresh(SQL: SqlJsStatic, keptAside?: InventoryNotice): OpenedDatabase {
  const db = new SQL.Database();
  migrate(db);
  return keptAside === undefined ? { db } : { db, keptAside };
}

function checkIntegrity(db: Database): void {
  // sql.js accepts any bytes in its constructor; the first query is what finds a damaged file.
  const result = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
  if (result !== 'ok') throw new Error(`integrity check failed: ${String(result)}`);
}

async function keepAside(
  path: string,
  reason: InventoryNotice['reason'],
  error: unknown,
  log: InventoryLogger,
): Promise<InventoryNotice> {
  const at = Date.now();
  const keptAs = `${path}.corrupt-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAs);
  const detail = error instanceof Error ? error.message : String(error);
  log(
    'error',
    `The inventory ${path} ${WHY[reason]} (${detail}); it was kept as ${keptAs} and the console starts with an empty inventory`,
    error instanceof Error ? error.stack : undefined,
  );
  return { reason, path, keptAs, at, detail };
}
