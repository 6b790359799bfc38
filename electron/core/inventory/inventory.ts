import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { z } from 'zod';
import { ServiceBundle } from '../../../shared/domain/application';
import { HostConfig } from '../../../shared/domain/host';
import { PowerConfig } from '../../../shared/domain/power';
import type { HostId, PlanId, ServiceId } from '../../../shared/domain/ids';
import { Plan } from '../../../shared/domain/plan';
import type { TrustedKeys } from '../hosts/host-link';
import { removeStaleTemps, writeFileAtomic } from './atomic-file';
import { lockDataDir } from './data-dir-lock';
import { rememberKeptAside } from './kept-aside';
import { openDatabase, type InventoryLogger } from './open-database';
import { createSaveQueue } from './save-queue';
import { loadSqlEngine } from './sql-engine';

/** What the console remembers between runs: hosts, the host keys the admin accepted, settings. */
export interface Inventory {
  readonly path: string;
  listHosts(): HostConfig[];
  findHostByEndpoint(address: string, port: number, user: string): HostConfig | undefined;
  addHost(config: HostConfig): Promise<void>;
  /** `forgetKey` also drops the key accepted for it, in the same save: a new address may be another machine. */
  updateHost(config: HostConfig, options?: { forgetKey?: boolean }): Promise<void>;
  /** Removes the host and the key accepted for it. */
  removeHost(id: HostId): Promise<void>;
  readonly trustedKeys: TrustedKeys;
  listServices(): ServiceBundle[];
  /** Create or replace a service with its applications, as one document. */
  saveService(bundle: ServiceBundle): Promise<void>;
  removeService(id: ServiceId): Promise<void>;
  /** The plan journal: every plan, its steps and their statuses. */
  listPlans(): Plan[];
  /** Journal a plan as it stands now (before and after each step): durable once this resolves. */
  savePlan(plan: Plan): Promise<void>;
  removePlan(id: PlanId): Promise<void>;
  getSetting<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
  /** Wait for pending writes, release the data folder. */
  close(): Promise<void>;
}

export const INVENTORY_FILE = 'inventory.db';

export async function openInventory(options: {
  dataDir: string;
  log: InventoryLogger;
}): Promise<Inventory> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = await lockDataDir(options.dataDir);
  try {
    const path = join(options.dataDir, INVENTORY_FILE);
    await removeStaleTemps(path);
    const SQL = await loadSqlEngine();
    const { db, keptAside } = await openDatabase(SQL, path, options.log);
    const store = createInventory(SQL, db, path, options.log, unlock);
    await store.setSetting('opened-at', Date.now()); // first write: proves the folder is writable now
    if (keptAside) await rememberKeptAside(store, keptAside);
    await chmod(path, 0o600);
    return store;
  } catch (error) {
    await unlock();
    throw error;
  }
}

type Params = (string | number | null)[];

function createInventory(
  SQL: SqlJsStatic,
  opened: Database,
  path: string,
  log: InventoryLogger,
  unlock: () => Promise<void>,
): Inventory {
  let db = opened;
  // sql.js keeps the database in memory: every change is followed by a save of the whole file. The
  // bytes of the last good save are kept so that a failed save can be undone in memory too; else a
  // refused change would still be seen now and written by the next, unrelated, save.
  let saved = db.export();
  const saves = createSaveQueue(
    async () => {
      const bytes = db.export();
      await writeFileAtomic(path, bytes);
      saved = bytes;
    },
    () => {
      db.close();
      db = new SQL.Database(saved);
    },
  );
  // One transaction and one save per operation. Async so that a refused statement (say, a duplicate)
  // rejects like a failed save does.
  const change = async (...statements: [sql: string, params: Params][]): Promise<void> => {
    db.run('BEGIN');
    try {
      for (const [sql, params] of statements) db.run(sql, params);
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw error;
    }
    await saves.save();
  };
  const rows = (sql: string, params: (string | number)[] = []): Record<string, unknown>[] => {
    const statement = db.prepare(sql, params);
    const out: Record<string, unknown>[] = [];
    try {
      while (statement.step()) out.push(statement.getAsObject());
    } finally {
      statement.free(); // sql.js frees statements only when asked; a leak outlives the call
    }
    return out;
  };
  /** Power management that does not read is dropped with a log line; the host itself stays. */
  const powerOf = (row: Record<string, unknown>): { power?: PowerConfig } => {
    if (row.power === null || row.power === undefined) return {};
    const parsed = PowerConfig.safeParse(parseJson(row.power));
    if (parsed.success) return { power: parsed.data };
    log(
      'error',
      `The power management of host ${String(row.name)} in the inventory is not readable and was left out`,
      parsed.error.message,
    );
    return {};
  };
  const toConfig = (row: Record<string, unknown>): HostConfig | undefined => {
    const parsed = HostConfig.safeParse({
      id: row.id,
      name: row.name,
      address: row.address,
      port: row.port,
      user: row.user,
      ...(row.key_path === null ? {} : { keyPath: row.key_path }),
      uri: row.uri,
      labels: parseJson(row.labels),
      driver: row.driver,
      ...(row.maintenance === 1 ? { maintenance: true } : {}),
      ...(row.migration_bandwidth_mibs === null
        ? {}
        : { migrationBandwidthMiBs: row.migration_bandwidth_mibs }),
      ...(row.cpu_overcommit === null ? {} : { cpuOvercommit: row.cpu_overcommit }),
      ...(row.memory_overcommit === null ? {} : { memoryOvercommit: row.memory_overcommit }),
      ...(row.jump_host_id === null ? {} : { jumpHostId: row.jump_host_id }),
      ...powerOf(row),
    });
    if (parsed.success) return parsed.data;
    log(
      'error',
      `Host ${String(row.id)} in the inventory is not readable and was skipped`,
      parsed.error.message,
    );
    return undefined;
  };
  const hostParams = (c: HostConfig): Params => [
    c.name,
    c.address,
    c.port,
    c.user,
    c.keyPath ?? null,
    c.uri,
    JSON.stringify(c.labels),
    c.driver,
    c.maintenance === true ? 1 : 0,
    c.migrationBandwidthMiBs ?? null,
    c.cpuOvercommit ?? null,
    c.memoryOvercommit ?? null,
    c.jumpHostId ?? null,
    c.power === undefined ? null : JSON.stringify(c.power),
    c.id,
  ];
  /** Rows that no longer parse are skipped with a log line, never dropped from the file. */
  const documents = <T>(sql: string, schema: z.ZodType<T>, what: string): T[] =>
    rows(sql).flatMap((row) => {
      const parsed = schema.safeParse(parseJson(row.body));
      if (parsed.success) return [parsed.data];
      log(
        'error',
        `${what} ${String(row.id)} in the inventory is not readable and was skipped`,
        parsed.error.message,
      );
      return [];
    });

  return {
    path,
    listHosts: () =>
      rows('SELECT * FROM hosts ORDER BY added_at, id').flatMap((r) => toConfig(r) ?? []),
    findHostByEndpoint: (address, port, user) => {
      const [row] = rows(
        'SELECT * FROM hosts WHERE address = ? COLLATE NOCASE AND port = ? AND user = ?',
        [address, port, user],
      );
      return row === undefined ? undefined : toConfig(row);
    },
    addHost: (c) =>
      change([
        `INSERT INTO hosts (name, address, port, user, key_path, uri, labels, driver, maintenance,
           migration_bandwidth_mibs, cpu_overcommit, memory_overcommit, jump_host_id, power, id,
           added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...hostParams(c), Date.now()],
      ]),
    updateHost: (c, options) =>
      change(
        [
          `UPDATE hosts SET name = ?, address = ?, port = ?, user = ?, key_path = ?, uri = ?,
           labels = ?, driver = ?, maintenance = ?, migration_bandwidth_mibs = ?,
           cpu_overcommit = ?, memory_overcommit = ?, jump_host_id = ?, power = ? WHERE id = ?`,
          hostParams(c),
        ],
        ...(options?.forgetKey === true ? [forgetKey(c.id)] : []),
      ),
    removeHost: (id) => change(forgetKey(id), ['DELETE FROM hosts WHERE id = ?', [id]]),
    trustedKeys: {
      get: (hostId) => {
        const row = rows('SELECT fingerprint, key_type FROM trusted_keys WHERE host_id = ?', [
          hostId,
        ])[0];
        if (typeof row?.fingerprint !== 'string') return undefined;
        return typeof row.key_type === 'string'
          ? { fingerprint: row.fingerprint, keyType: row.key_type }
          : { fingerprint: row.fingerprint };
      },
      set: (hostId, key) =>
        change([
          `INSERT INTO trusted_keys (host_id, fingerprint, key_type, accepted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (host_id) DO UPDATE SET fingerprint = excluded.fingerprint,
           key_type = excluded.key_type, accepted_at = excluded.accepted_at`,
          [hostId, key.fingerprint, key.keyType ?? null, Date.now()],
        ]),
      forget: (hostId) => change(forgetKey(hostId)),
    },
    listServices: () =>
      documents('SELECT id, body FROM services ORDER BY name, id', ServiceBundle, 'Service'),
    saveService: (bundle) =>
      change([
        `INSERT INTO services (id, name, body, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body,
         updated_at = excluded.updated_at`,
        [bundle.service.id, bundle.service.name, JSON.stringify(bundle), Date.now()],
      ]),
    removeService: (id) => change(['DELETE FROM services WHERE id = ?', [id]]),
    listPlans: () =>
      documents('SELECT id, body FROM plans ORDER BY created_at DESC, id', Plan, 'Plan'),
    savePlan: (plan) =>
      change([
        `INSERT INTO plans (id, kind, status, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body,
         updated_at = excluded.updated_at`,
        [plan.id, plan.kind, plan.status, JSON.stringify(plan), plan.createdAt, plan.updatedAt],
      ]),
    removePlan: (id) => change(['DELETE FROM plans WHERE id = ?', [id]]),
    getSetting: (key, schema) => {
      const row = rows('SELECT value FROM settings WHERE key = ?', [key])[0];
      if (row === undefined) return undefined;
      const parsed = schema.safeParse(parseJson(row.value));
      return parsed.success ? parsed.data : undefined;
    },
    setSetting: (key, value) =>
      change([
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, JSON.stringify(value)],
      ]),
    close: async () => {
      await saves.idle();
      db.close();
      await unlock();
    },
  };
}

function forgetKey(hostId: string): [string, Params] {
  return ['DELETE FROM trusted_keys WHERE host_id = ?', [hostId]];
}

function parseJson(value: unknown): unknown {
  try {
    return typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
