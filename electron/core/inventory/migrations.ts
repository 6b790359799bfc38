import type { Database } from 'sql.js';

/**
 * Each entry moves the schema up by one version; the version lives in SQLite's own header
 * (`PRAGMA user_version`), so it travels with the file. Append, never edit a shipped entry.
 */
const MIGRATIONS: readonly string[] = [
  // 1: hosts as configured, the host keys the admin accepted, and small settings.
  `CREATE TABLE hosts (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     address TEXT NOT NULL,
     port INTEGER NOT NULL,
     user TEXT NOT NULL,
     key_path TEXT,
     uri TEXT NOT NULL,
     labels TEXT NOT NULL DEFAULT '{}',
     driver TEXT NOT NULL,
     added_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX hosts_endpoint ON hosts (address COLLATE NOCASE, port, user);
   CREATE TABLE trusted_keys (
     host_id TEXT PRIMARY KEY,
     fingerprint TEXT NOT NULL,
     accepted_at INTEGER NOT NULL
   );
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 2: the accepted key's type (ED25519 …), for the changed-key warning; NULL for older keys.
  `ALTER TABLE trusted_keys ADD COLUMN key_type TEXT;`,
  // 3: services (a service and its applications as one JSON document), the plan journal (a plan
  // and its steps as one JSON document, rewritten before and after every step), and maintenance.
  `CREATE TABLE services (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     body TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE plans (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX plans_by_status ON plans (status, updated_at);
   ALTER TABLE hosts ADD COLUMN maintenance INTEGER NOT NULL DEFAULT 0;`,
  // 4: a cap on live migrations leaving the host (MiB/s); NULL is no cap.
  `ALTER TABLE hosts ADD COLUMN migration_bandwidth_mibs INTEGER;`,
  // 5: the host this one is reached through (ProxyJump), by id; NULL is a direct connection.
  `ALTER TABLE hosts ADD COLUMN jump_host_id TEXT;`,
  // 6: a host's own overcommit ratios (vCPUs per core, memory), over the fleet's settings; NULL is
  // "use the fleet's". The fleet's own settings are a document in the settings table.
  `ALTER TABLE hosts ADD COLUMN cpu_overcommit REAL;
   ALTER TABLE hosts ADD COLUMN memory_overcommit REAL;`,
  // 7: power management through the host's BMC, as JSON (PowerConfig, no password: that is kept
  // sealed in secrets.json); NULL is none.
  `ALTER TABLE hosts ADD COLUMN power TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The file was written by a newer Federator: opening it here could lose what it knows. */
export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `schema version ${found} is newer than this version of Federator knows (${SCHEMA_VERSION})`,
    );
  }
}

export function schemaVersion(db: Database): number {
  const value = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

/** Bring the database to SCHEMA_VERSION; each step commits with its version or not at all. */
export function migrate(db: Database): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) throw new NewerSchemaError(from);
  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { from, to: SCHEMA_VERSION };
}
