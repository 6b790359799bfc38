import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostConfig } from '../../../shared/domain/host';
import { HostId } from '../../../shared/domain/ids';
import * as atomicFile from './atomic-file';
import { openInventory, type Inventory } from './inventory';

// The real writer, made to fail when asked: a full disk is the failure a user meets.
vi.mock('./atomic-file', async (importActual) => {
  const actual = await importActual<typeof atomicFile>();
  return { ...actual, writeFileAtomic: vi.fn(actual.writeFileAtomic) };
});
const failNextWrite = (): void => {
  vi.mocked(atomicFile.writeFileAtomic).mockImplementationOnce(() =>
    Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
  );
};

const hv1 = HostConfig.parse({
  id: 'hv1-abc123',
  name: 'hv1',
  address: '10.0.0.11',
  port: 22,
  user: 'admin',
  uri: 'qemu:///system',
  labels: {},
  driver: 'libvirt',
});
const hv2 = { ...hv1, id: HostId.parse('hv2-def456'), name: 'hv2', address: '10.0.0.12' };

let dataDir: string;
const open = (): Promise<Inventory> => openInventory({ dataDir, log: () => undefined });
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-inventory-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('inventory when a save fails', () => {
  it('forgets the refused change now and after the next good save and a restart', async () => {
    const store = await open();
    failNextWrite();
    await expect(store.addHost(hv1)).rejects.toThrow(/ENOSPC/);
    expect(store.findHostByEndpoint(hv1.address, hv1.port, hv1.user)).toBeUndefined();
    await store.addHost(hv2); // an unrelated save that works
    await store.close();
    const again = await open();
    expect(again.listHosts().map((h) => h.id)).toEqual([hv2.id]);
    await again.close();
  });

  it('rejects every change the failed save carried, and keeps what was saved before', async () => {
    const store = await open();
    await store.addHost(hv1);
    failNextWrite();
    const results = await Promise.allSettled([
      store.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:abc' }),
      store.addHost(hv2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.listHosts().map((h) => h.id)).toEqual([hv1.id]);
    expect(store.trustedKeys.get(hv1.id)).toBeUndefined();
    await store.close();
  });

  it('removes a host and its key together or not at all', async () => {
    const store = await open();
    await store.addHost(hv1);
    await store.trustedKeys.set(hv1.id, { fingerprint: 'SHA256:abc' });
    failNextWrite();
    await expect(store.removeHost(hv1.id)).rejects.toThrow(/ENOSPC/);
    expect(store.listHosts().map((h) => h.id)).toEqual([hv1.id]);
    expect(store.trustedKeys.get(hv1.id)).toEqual({ fingerprint: 'SHA256:abc' });
    await store.updateHost({ ...hv1, address: '10.0.0.99' }, { forgetKey: true });
    expect(store.trustedKeys.get(hv1.id)).toBeUndefined();
    await store.close();
  });
});
