import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, PlanId, VmId } from '../../../shared/domain/ids';
import type { Core } from '../core';
import { parseVolumeList } from '../hypervisor/libvirt/libvirt-volumes';
import { parseDomainDevices } from '../hypervisor/libvirt/parse-vm-devices';
import { outOfBandList, removeGuest, virshAs, type LabHost } from '../../testing/lab-hosts';
import { labHosts, startLabCore, waitPlan } from '../../testing/service-lab';

// The New VM wizard's and Clone's requests through the whole core over the three lab hosts: the
// engine (or the admin) chooses the host, the plan makes the volume, defines and starts the VM;
// virsh on each host is the judge (domstate, vol-dumpxml, dumpxml). Names carry quotes, spaces,
// ; and $(…): they reach virsh as arguments and the XML as escaped data.

const tag = randomBytes(3).toString('hex');
const prefix = `t-new ${tag} `;
const NEW = `${prefix}it's "new"; $(id)`;
const CLONE = `${prefix}copy of 'it'`;
const MiB = 1024 * 1024;
let dataDir: string;
let core: Core;
const ids = new Map<string, HostId>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'federator-create-lab-'));
  core = await startLabCore({ dataDir, demoByDefault: false });
  for (const h of (await core.handlers['fleet:snapshot']({})).hosts) {
    ids.set(h.config.name, h.config.id);
  }
}, 180_000);

afterAll(async () => {
  await core?.stop();
  for (const host of labHosts) {
    for (const [uuid, name] of outOfBandList(host))
      if (name.startsWith(prefix)) removeGuest(host, uuid);
    for (const volume of volumes(host)) {
      if (volume.startsWith(prefix))
        virshAs(host, 'vol-delete', '--pool', 'default', '--vol', volume);
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

function volumes(host: LabHost): string[] {
  return parseVolumeList(virshAs(host, 'vol-list', '--pool', 'default'), 'default').map(
    (v) => v.name,
  );
}

function labHostOf(hostId: HostId): LabHost {
  const name = [...ids].find(([, id]) => id === hostId)?.[0];
  const host = labHosts.find((h) => h.name === name);
  if (!host) throw new Error(`no lab host for ${hostId}`);
  return host;
}

/** The hosts whose libvirt lists this UUID. */
function holders(uuid: string): string[] {
  return labHosts.filter((h) => outOfBandList(h).has(uuid)).map((h) => h.name);
}

const capacityOf = (host: LabHost, volume: string): number => {
  const xml = virshAs(host, 'vol-dumpxml', '--pool', 'default', '--vol', volume);
  const found = /<capacity unit='bytes'>(\d+)<\/capacity>/.exec(xml);
  return Number(found?.[1]);
};

async function rollbackOf(id: PlanId) {
  for (let i = 0; i < 600; i++) {
    const found = (await core.handlers['plans:list']({})).find((p) => p.reverses === id);
    if (found) return waitPlan(core, found.id);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no rollback plan appeared');
}

let created: { uuid: VmId; host: LabHost } | undefined;

describe('New VM and Clone on real hosts', () => {
  it('creates a VM with a new 16 MiB disk where the review said, running, its name with quotes and $(…)', async () => {
    const plan = await core.handlers['vms:plan-create']({
      name: NEW,
      vcpus: 1,
      memoryMiB: 64,
      disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
      network: { kind: 'user' },
    });
    const review = plan.review![0]!;
    expect(review.reason).not.toBe('');
    expect(review.runnersUp.length).toBeGreaterThan(0);
    const host = labHostOf(review.hostId);
    expect(plan.warnings?.[0]).toBe(
      `${NEW} will be created on ${host.name}: 1 vCPU, 64 MiB memory.`,
    );
    await core.handlers['plans:approve']({ planId: plan.id });
    const ran = await waitPlan(core, plan.id);
    expect(ran.error?.message).toBeUndefined();
    expect(ran.status).toBe('done');
    const uuid = review.vmId;
    expect(virshAs(host, 'domstate', uuid).trim()).toBe('running');
    expect(virshAs(host, 'domname', uuid).trim()).toBe(NEW);
    expect(holders(uuid)).toEqual([host.name]);
    expect(volumes(host)).toContain(`${NEW}.qcow2`);
    expect(capacityOf(host, `${NEW}.qcow2`)).toBe(16 * MiB);
    expect(disksOf(host, uuid)).toEqual([{ pool: 'default', volume: `${NEW}.qcow2` }]);
    created = { uuid, host };
  }, 180_000);

  it('refuses in words: the name taken on that host, a disk larger than the pool has room for', async () => {
    const { host } = created!;
    const hostId = ids.get(host.name)!;
    await expect(
      core.handlers['vms:plan-create']({
        name: NEW,
        vcpus: 1,
        memoryMiB: 64,
        disk: { kind: 'none' },
        network: { kind: 'none' },
        hostId,
      }),
    ).rejects.toThrow(`${host.name} already has a VM named “${NEW}”: choose another name`);
    await expect(
      core.handlers['vms:plan-create']({
        name: `${prefix}huge`,
        vcpus: 1,
        memoryMiB: 64,
        disk: { kind: 'new', pool: 'default', sizeMiB: 60 * 1024 * 1024 },
        network: { kind: 'none' },
        hostId,
      }),
    ).rejects.toThrow(
      new RegExp(
        `storage pool “default” on ${host.name} has [\\d.]+ [GT]iB free, and the disk needs 60\\.0 TiB`,
      ),
    );
    expect(volumes(host).filter((v) => v.startsWith(`${prefix}huge`))).toEqual([]);
  }, 120_000);

  it('a start that fails (an inactive network): the plan removes the VM and the volume it made, and says why', async () => {
    const hv1 = labHosts[0]!;
    const name = `${prefix}undone`;
    const plan = await core.handlers['vms:plan-create']({
      name,
      vcpus: 1,
      memoryMiB: 64,
      disk: { kind: 'new', pool: 'default', sizeMiB: 16 },
      network: { kind: 'none' },
      // The lab's network is defined but never started (session libvirt cannot make its bridge).
      templateXml:
        "<domain type='qemu'><name>x</name><os><type arch='x86_64' machine='pc'>hvm</type></os>" +
        "<devices><interface type='network'><source network='lab-net'/></interface></devices></domain>",
      hostId: ids.get(hv1.name)!,
    });
    await core.handlers['plans:approve']({ planId: plan.id });
    const failed = await waitPlan(core, plan.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed']);
    expect(failed.error?.message).toMatch(/Couldn't start .*undone on hv1: .*lab-net.*not active/);
    const undo = await rollbackOf(plan.id);
    expect(undo.status).toBe('done');
    expect(holders(plan.review![0]!.vmId)).toEqual([]);
    expect(volumes(hv1)).not.toContain(`${name}.qcow2`);
  }, 180_000);

  it('clones the shut-off VM: a new UUID and MAC, its own copy of the disk in the same pool, the original untouched', async () => {
    const { uuid, host } = created!;
    const hostId = ids.get(host.name)!;
    await expect(
      core.handlers['vms:plan-clone']({ hostId, vmId: uuid, name: CLONE }),
    ).rejects.toThrow(/is running: only a shut-off VM is cloned/);
    virshAs(host, 'destroy', uuid);
    await waitFor(async () =>
      (await core.handlers['fleet:snapshot']({})).vms.some(
        (v) => v.id === uuid && v.state === 'shutoff',
      ),
    );
    const plan = await core.handlers['vms:plan-clone']({ hostId, vmId: uuid, name: CLONE });
    expect(plan.steps.map((s) => s.kind)).toEqual(['volume-clone', 'define']);
    await core.handlers['plans:approve']({ planId: plan.id });
    const ran = await waitPlan(core, plan.id);
    expect(ran.error?.message).toBeUndefined();
    expect(ran.status).toBe('done');
    const cloneId = plan.steps[1]!.vmId;
    expect(cloneId).not.toBe(uuid);
    expect(virshAs(host, 'domname', cloneId).trim()).toBe(CLONE);
    expect(virshAs(host, 'domstate', cloneId).trim()).toBe('shut off');
    const mac = (id: string) => parseDomainDevices(virshAs(host, 'dumpxml', id)).nics[0]?.mac;
    expect(mac(cloneId)).toMatch(/^52:54:00:/);
    expect(mac(cloneId)).not.toBe(mac(uuid));
    expect(virshAs(host, 'domblklist', cloneId)).toContain(`${CLONE}.qcow2`);
    expect(disksOf(host, uuid)).toEqual([{ pool: 'default', volume: `${NEW}.qcow2` }]);
    expect(capacityOf(host, `${CLONE}.qcow2`)).toBe(16 * MiB);
    // The clone's name is taken now: a second clone of that name is refused in words.
    await expect(
      core.handlers['vms:plan-clone']({ hostId, vmId: uuid, name: CLONE }),
    ).rejects.toThrow(`${host.name} already has a VM named “${CLONE}”: choose another name`);
  }, 180_000);
});

/** The pool volumes a domain's disks are, read from its XML on the host. */
function disksOf(
  host: LabHost,
  uuid: string,
): { pool: string | undefined; volume: string | undefined }[] {
  return parseDomainDevices(virshAs(host, 'dumpxml', uuid))
    .disks.filter((d) => d.device === 'disk')
    .map((d) => ({ pool: d.pool, volume: d.volume }));
}

async function waitFor(test: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
