import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HostConfig } from '../../../shared/domain/host';
import { HostId } from '../../../shared/domain/ids';
import { INVENTORY_FILE, openInventory, type Inventory } from './inventory';
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
