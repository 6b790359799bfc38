import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HostConfig } from '../../../shared/domain/host';
import { ServiceBundle } from '../../../shared/domain/application';
import { HostId, PlanId, ServiceId } from '../../../shared/domain/ids';
import { Plan } from '../../../shared/domain/plan';
import { INVENTORY_FILE, openInventory, type Inventory } from './inventory';
import { SCHEMA_VERSION } from './migrations';
import { loadSqlEngine } from './sql-engine';

const hv1: HostConfig = HostConfig.parse({
  id: 'hv1-abc123',
  name: 'hv1',
  address: '10.0.0.11',
  port: 22,
  user: 'admin',
  keyPath: '/home/admin/.ssh/id_ed25519',
  uri: 'qemu:///system',
  labels: { zone: 'a', rack: 'r1' },
  driver: 'libvirt',
});

let dataDir: string;
let logs: string[];
const open = (): Promise<Inventory> =>
  openInventory({ dataDir, log: (level, message) => logs.push(`${level}: ${message}`) });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-inventory-'));
  logs = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('inventory', () => {
  it('keeps hosts, labels, accepted keys and settings across a restart', async () => {
    const first = await open();
    await first.addHost(hv1);
    await first.updateHost({ ...hv1, labels: { zone: 'b' } });
    await first.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:abc', keyType: 'ED25519' });
    await first.setSetting('demo.enabled', false);
    await first.close();

    const second = await open();
    expect(second.listHosts()).toEqual([{ ...hv1, labels: { zone: 'b' } }]);
    expect(second.trustedKeys.get(hv1.id)).toEqual({
      fingerprint: 'SHA256:abc',
      keyType: 'ED25519',
    });
    expect(second.getSetting('demo.enabled', z.boolean())).toBe(false);
    expect(second.findHostByEndpoint('10.0.0.11', 22, 'admin')?.id).toBe(hv1.id);
    expect(second.findHostByEndpoint('10.0.0.11', 2222, 'admin')).toBeUndefined();
    await second.close();
  });

  it('refuses a second host with the same address, port and user', async () => {
    const store = await open();
    await store.addHost(hv1);
    await expect(store.addHost({ ...hv1, id: HostId.parse('other') })).rejects.toThrow(/UNIQUE/);
    await store.close();
  });

  it('forgets the accepted key with the host, or alone when asked', async () => {
    const store = await open();
    await store.addHost(hv1);
    await store.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:abc' });
    await store.removeHost(hv1.id);
    expect(store.listHosts()).toEqual([]);
    expect(store.trustedKeys.get(hv1.id)).toBeUndefined();
    await store.addHost(hv1);
    await store.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:abc' });
    await store.trustedKeys.forget(hv1.id);
    expect(store.trustedKeys.get(hv1.id)).toBeUndefined();
    expect(store.listHosts()).toEqual([hv1]);
    await store.close();
  });

  it('keeps the keys of a version 1 file, which knew no key types', async () => {
    const SQL = await loadSqlEngine();
    const old = new SQL.Database();
    old.exec(`CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL,
                port INTEGER NOT NULL, user TEXT NOT NULL, key_path TEXT, uri TEXT NOT NULL,
                labels TEXT NOT NULL DEFAULT '{}', driver TEXT NOT NULL, added_at INTEGER NOT NULL);
              CREATE TABLE trusted_keys (host_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                accepted_at INTEGER NOT NULL);
              CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
              INSERT INTO trusted_keys VALUES ('hv1-abc123', 'SHA256:old', 1);
              PRAGMA user_version = 1;`);
    writeFileSync(join(dataDir, INVENTORY_FILE), old.export());
    old.close();
    const store = await open();
    expect(store.trustedKeys.get(hv1.id)).toEqual({ fingerprint: 'SHA256:old' });
    await store.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:new', keyType: 'RSA' });
    expect(store.trustedKeys.get(hv1.id)).toEqual({ fingerprint: 'SHA256:new', keyType: 'RSA' });
    await store.close();
  });

  it('keeps a damaged file aside, says where, and starts empty', async () => {
    writeFileSync(
      join(dataDir, INVENTORY_FILE),
      'this is not a database, just some bytes '.repeat(200),
    );
    const store = await open();
    expect(store.listHosts()).toEqual([]);
    const aside = readdirSync(dataDir).find((name) => name.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dataDir, aside!), 'utf8')).toContain('not a database');
    expect(logs.join('\n')).toMatch(new RegExp(`error: .*is damaged.*kept as .*${aside!}`));
    await store.close();
  });

  it('keeps aside a file from a newer Federator rather than downgrading it', async () => {
    const SQL = await loadSqlEngine();
    const newer = new SQL.Database();
    newer.exec('PRAGMA user_version = 99');
    writeFileSync(join(dataDir, INVENTORY_FILE), newer.export());
    newer.close();
    const store = await open();
    expect(logs.join('\n')).toMatch(/newer Federator/);
    expect(readdirSync(dataDir).some((name) => name.includes('.corrupt-'))).toBe(true);
    await store.close();
  });

  it('drops temporary files left by a crash mid-save', async () => {
    writeFileSync(join(dataDir, `.${INVENTORY_FILE}.123-deadbeef.tmp`), 'half a write');
    const store = await open();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('refuses a data folder that another live console holds', async () => {
    const store = await open();
    await expect(open()).rejects.toThrow(/Another Federator .* is using the data folder/);
    await store.close();
    writeFileSync(join(dataDir, 'federator.lock'), '999999999'); // left by a crashed process
    const again = await open();
    await again.close();
  });
});

const shop = ServiceBundle.parse({
  service: {
    id: 'shop',
    name: 'shop',
    applications: ['web', 'db'],
    dependsOn: { web: ['db'] },
    policy: 'spread',
    health: { kind: 'all-up' },
  },
  applications: [
    { id: 'web', name: 'web', service: 'shop', vcpus: 1, memoryMiB: 64, replicas: 2 },
    { id: 'db', name: 'db', service: 'shop', vcpus: 1, memoryMiB: 128, replicas: 1 },
  ],
});

const plan = (id: string, createdAt: number, status: Plan['status'] = 'running'): Plan =>
  Plan.parse({
    id,
    kind: 'deploy',
    title: `Deploy ${id}`,
    status,
    createdAt,
    updatedAt: createdAt,
    concurrency: 2,
    steps: [
      {
        id: 's1',
        kind: 'define',
        label: 'Define web-1 on hv1',
        hostId: hv1.id,
        vmId: '6f1c0e1e-0000-4000-8000-000000000001',
        vmName: 'web-1',
        xml: "<domain type='qemu'><name>web-1</name></domain>",
        after: [],
        status: 'done',
        note: 'found defined on hv1 after restart',
      },
    ],
  });

describe('inventory: services, plans, maintenance (schema 3)', () => {
  it('keeps services as whole documents, replaced and removed by id, across a restart', async () => {
    const first = await open();
    await first.saveService(shop);
    const renamed = { ...shop, service: { ...shop.service, name: 'shop-2' } };
    await first.saveService(renamed);
    await first.close();
    const second = await open();
    expect(second.listServices()).toEqual([renamed]);
    await second.removeService(ServiceId.parse('shop'));
    expect(second.listServices()).toEqual([]);
    await second.close();
  });

  it('journals plans with their steps, newest first; a save replaces, a remove forgets', async () => {
    const first = await open();
    await first.savePlan(plan('p-old', 1000));
    await first.savePlan(plan('p-new', 2000));
    const changed = plan('p-old', 1000, 'interrupted');
    changed.steps[0]!.status = 'unknown';
    await first.savePlan(changed);
    await first.close();
    const second = await open();
    expect(second.listPlans()).toEqual([plan('p-new', 2000), changed]);
    await second.removePlan(PlanId.parse('p-new'));
    expect(second.listPlans().map((p) => p.id)).toEqual(['p-old']);
    await second.close();
  });

  it('skips a journal row that no longer parses, with a log line, and keeps the others', async () => {
    const first = await open();
    await first.savePlan(plan('good', 1000));
    await first.close();
    const SQL = await loadSqlEngine();
    const db = new SQL.Database(readFileSync(join(dataDir, INVENTORY_FILE)));
    db.run(
      "INSERT INTO plans (id, kind, status, body, created_at, updated_at) VALUES ('bad', 'deploy', 'running', '{\"steps\":1}', 5, 5)",
    );
    writeFileSync(join(dataDir, INVENTORY_FILE), db.export());
    db.close();
    const second = await open();
    expect(second.listPlans().map((p) => p.id)).toEqual(['good']);
    expect(logs.join('\n')).toMatch(/error: Plan bad in the inventory is not readable/);
    await second.close();
  });

  it("keeps a host's maintenance flag, and no flag means not in maintenance", async () => {
    const first = await open();
    await first.addHost(hv1);
    expect(first.listHosts()[0]?.maintenance).toBeUndefined();
    await first.updateHost({ ...hv1, maintenance: true });
    await first.close();
    const second = await open();
    expect(second.listHosts()).toEqual([{ ...hv1, maintenance: true }]);
    await second.updateHost({ ...hv1, maintenance: false });
    expect(second.listHosts()).toEqual([hv1]);
    await second.close();
  });

  it('keeps the jump host a host is reached through, and clears it', async () => {
    const first = await open();
    await first.addHost({ ...hv1, jumpHostId: HostId.parse('bastion-1') });
    await first.close();
    const second = await open();
    expect(second.listHosts()).toEqual([{ ...hv1, jumpHostId: 'bastion-1' }]);
    await second.updateHost(hv1);
    expect(second.listHosts()).toEqual([hv1]);
    await second.close();
  });

  it('opens a version 2 file: hosts and keys kept, not in maintenance, no bandwidth limit, empty services and journal', async () => {
    const SQL = await loadSqlEngine();
    const old = new SQL.Database();
    old.exec(`CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL,
                port INTEGER NOT NULL, user TEXT NOT NULL, key_path TEXT, uri TEXT NOT NULL,
                labels TEXT NOT NULL DEFAULT '{}', driver TEXT NOT NULL, added_at INTEGER NOT NULL);
              CREATE UNIQUE INDEX hosts_endpoint ON hosts (address COLLATE NOCASE, port, user);
              CREATE TABLE trusted_keys (host_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                accepted_at INTEGER NOT NULL, key_type TEXT);
              CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
              INSERT INTO hosts VALUES ('hv1-abc123', 'hv1', '10.0.0.11', 22, 'admin',
                '/home/admin/.ssh/id_ed25519', 'qemu:///system', '{"zone":"a","rack":"r1"}', 'libvirt', 1);
              INSERT INTO trusted_keys VALUES ('hv1-abc123', 'SHA256:two', 1, 'ED25519');
              PRAGMA user_version = 2;`);
    writeFileSync(join(dataDir, INVENTORY_FILE), old.export());
    old.close();
    const store = await open();
    expect(store.listHosts()).toEqual([hv1]);
    expect(store.trustedKeys.get(hv1.id)).toEqual({
      fingerprint: 'SHA256:two',
      keyType: 'ED25519',
    });
    expect(store.listServices()).toEqual([]);
    expect(store.listPlans()).toEqual([]);
    await store.savePlan(plan('p1', 1));
    await store.saveService(shop);
    await store.updateHost({ ...hv1, maintenance: true, migrationBandwidthMiBs: 40 });
    await store.close();
    const SQL2 = await loadSqlEngine();
    const after = new SQL2.Database(readFileSync(join(dataDir, INVENTORY_FILE)));
    expect(after.exec('PRAGMA user_version')[0]?.values[0]?.[0]).toBe(SCHEMA_VERSION);
    after.close();
    const again = await open();
    expect(again.listHosts()).toEqual([{ ...hv1, maintenance: true, migrationBandwidthMiBs: 40 }]);
    expect(again.listPlans().map((p) => p.id)).toEqual(['p1']);
    expect(again.listServices()).toEqual([shop]);
    await again.close();
  });

  it('opens a version 4 file at schema 7: its hosts have no overcommit or power management of their own, then keep one across a reopen', async () => {
    const SQL = await loadSqlEngine();
    const old = new SQL.Database();
    // Schema 4 as it shipped: the migrations up to 4, then a host written by that version.
    old.exec(`CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL,
                port INTEGER NOT NULL, user TEXT NOT NULL, key_path TEXT, uri TEXT NOT NULL,
                labels TEXT NOT NULL DEFAULT '{}', driver TEXT NOT NULL, added_at INTEGER NOT NULL,
                maintenance INTEGER NOT NULL DEFAULT 0, migration_bandwidth_mibs INTEGER);
              CREATE UNIQUE INDEX hosts_endpoint ON hosts (address COLLATE NOCASE, port, user);
              CREATE TABLE trusted_keys (host_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                accepted_at INTEGER NOT NULL, key_type TEXT);
              CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
              CREATE TABLE services (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,
                updated_at INTEGER NOT NULL);
              CREATE TABLE plans (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL,
                body TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
              INSERT INTO hosts VALUES ('hv1-abc123', 'hv1', '10.0.0.11', 22, 'admin',
                '/home/admin/.ssh/id_ed25519', 'qemu:///system', '{"zone":"a","rack":"r1"}',
                'libvirt', 1, 0, 25);
              PRAGMA user_version = 4;`);
    writeFileSync(join(dataDir, INVENTORY_FILE), old.export());
    old.close();
    expect(SCHEMA_VERSION).toBe(7);
    const store = await open();
    expect(store.listHosts()).toEqual([{ ...hv1, migrationBandwidthMiBs: 25 }]);
    await store.updateHost({ ...hv1, cpuOvercommit: 8, memoryOvercommit: 1.5 });
    await store.close();
    const again = await open();
    expect(again.listHosts()).toEqual([{ ...hv1, cpuOvercommit: 8, memoryOvercommit: 1.5 }]);
    await again.updateHost(hv1); // back to the fleet's ratios: the columns are NULL again
    expect(again.listHosts()).toEqual([hv1]);
    await again.close();
  });
});

describe('inventory: power management (schema 7)', () => {
  const power = {
    kind: 'ipmi' as const,
    address: '127.0.0.23',
    port: 623,
    user: 'admin',
    route: { kind: 'peer' as const, hostId: HostId.parse('hv2-abc') },
    passwordSet: true,
  };

  it('keeps a host power management across a reopen, and drops only it when it does not read', async () => {
    const store = await open();
    await store.addHost({ ...hv1, power });
    await store.close();
    const again = await open();
    expect(again.listHosts()).toEqual([{ ...hv1, power }]);
    await again.close();
    // A damaged power column costs the host its power management, not the host itself.
    const SQL = await loadSqlEngine();
    const db = new SQL.Database(readFileSync(join(dataDir, INVENTORY_FILE)));
    db.run(`UPDATE hosts SET power = '{"kind":"redfish"}'`);
    writeFileSync(join(dataDir, INVENTORY_FILE), db.export());
    db.close();
    const damaged = await open();
    expect(damaged.listHosts()).toEqual([hv1]);
    expect(logs.join('\n')).toContain(
      'The power management of host hv1 in the inventory is not readable',
    );
    await damaged.close();
  });
});
