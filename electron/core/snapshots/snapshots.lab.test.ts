import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import { snapshotTree } from '../../../shared/domain/snapshot';
import { labHost, labSshTarget, readLab, virshAs } from '../../testing/lab-hosts';
import { createSnapshotGuest, type SnapshotGuest } from '../../testing/snapshot-lab';
import { createLibvirtDriver } from '../hypervisor/libvirt/libvirt-driver';
import type { SnapshotOperations } from '../hypervisor/hypervisor-driver';
import { openSshSession } from '../ssh/ssh-connect';
import type { SshSession } from '../ssh/ssh-session';

const lab = readLab();
const hv1 = labHost(lab, 1);
// A quote, spaces, ; and $(…) in the snapshot's name too: it reaches virsh as one argument (and
// inside the listing's virsh batch, quoted). No " : SnapshotName refuses it (see there why).
const FIRST = `it's before; $(id)`;
let session: SshSession;
let qcow: SnapshotGuest;
let raw: SnapshotGuest;
let snapshots: SnapshotOperations;

beforeAll(async () => {
  session = await openSshSession(labSshTarget(lab, hv1));
  qcow = await createSnapshotGuest(session, hv1, 'qcow2');
  raw = await createSnapshotGuest(session, hv1, 'raw');
  const driver = createLibvirtDriver({
    shell: session,
    hostId: 'lab-hv1' as never,
    hostName: 'hv1',
    uri: hv1.uri,
  });
  if (!driver.snapshots) throw new Error('the libvirt driver has no snapshots');
  snapshots = driver.snapshots;
}, 120_000);

afterAll(async () => {
  await qcow?.remove();
  await raw?.remove();
  await session?.close();
}, 60_000);

const state = (uuid: string) => virshAs(hv1, 'domstate', uuid).trim();
const names = (uuid: string) =>
  virshAs(hv1, 'snapshot-list', uuid, '--name')
    .split('\n')
    .filter((l) => l !== '');

describe('snapshots on a real host', () => {
  it('takes a snapshot with memory of a running qcow2 guest, reverts to it after a force-off, deletes it with its child', async () => {
    virshAs(hv1, 'start', qcow.uuid);
    expect((await snapshots.list(qcow.uuid)).snapshots).toEqual([]);
    await snapshots.create(qcow.uuid, { name: FIRST, description: 'a <b> & "c"', diskOnly: false });
    expect(names(qcow.uuid)).toEqual([FIRST]);
    // The change the revert must undo: the guest forced off. Only a snapshot that kept the
    // guest's memory brings it back running (a disk-only one would leave it shut off), so
    // "running again" is what proves the memory was kept and restored, checked with virsh.
    virshAs(hv1, 'destroy', qcow.uuid);
    expect(state(qcow.uuid)).toBe('shut off');
    await snapshots.revert(qcow.uuid, FIRST);
    expect(state(qcow.uuid)).toBe('running');
    await snapshots.create(qcow.uuid, { name: 'child', diskOnly: false });
    const listed = await snapshots.list(qcow.uuid);
    // virsh lists by name; the tree (snapshotTree) orders by parent and time.
    const tree = snapshotTree(listed.snapshots).map((row) => row.snapshot);
    expect(tree.map((s) => [s.name, s.parent, s.current, s.memory, s.state])).toEqual([
      [FIRST, undefined, false, true, 'running'],
      ['child', FIRST, true, true, 'running'],
    ]);
    expect(tree[0]?.description).toBe('a <b> & "c"');
    expect(tree[0]?.createdAt).toBeGreaterThan(Date.now() - 600_000);
    await snapshots.remove(qcow.uuid, FIRST, true);
    expect(names(qcow.uuid)).toEqual([]);
  }, 120_000);

  it('refuses a name taken, in words', async () => {
    await snapshots.create(qcow.uuid, { name: 'twice', diskOnly: false });
    await expect(snapshots.create(qcow.uuid, { name: 'twice', diskOnly: false })).rejects.toThrow(
      /already has a snapshot named “twice”: choose another name/,
    );
    await snapshots.remove(qcow.uuid, 'twice', false);
  }, 60_000);

  it('refuses a snapshot of a raw-disk guest naming the disk, its path and the fix', async () => {
    virshAs(hv1, 'start', raw.uuid);
    const refused = snapshots.create(raw.uuid, { name: 'no', diskOnly: false });
    await expect(refused).rejects.toThrow(/its disk vda \(.*snap 'disk'.*\.raw\) is raw/);
    await expect(refused).rejects.toThrow(/convert the disk \(qemu-img convert -O qcow2/);
    expect(names(raw.uuid)).toEqual([]);
  }, 60_000);

  it('a VM the host does not have is said so', async () => {
    await expect(snapshots.list('6c1b5c9e-0000-4000-8000-000000000000' as VmId)).rejects.toThrow(
      /the host no longer has VM/,
    );
  });
});
