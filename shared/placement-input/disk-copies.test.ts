import { describe, expect, it } from 'vitest';
import type { Host } from '../domain/host';
import type { Vm, VmDiskRef } from '../domain/vm';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { createWhatIfSession, whatIf } from '../placement';
import { host, vm } from '../testing/service-fixtures';
import { GiB, MiB, pool, volume, withDisks, withPools } from '../testing/disk-fixtures';
import { buildPlacementInput } from './build-input';
import { checkDiskCopies, localDisks, type DiskMove } from './disk-copies';

const hv1 = withPools(host('hv1'), [pool('default', 100 * GiB)]);
const hv2 = withPools(host('hv2'), [pool('default', 40 * MiB)]);
const poolsOf = (hosts: Host[]) => (id: string) =>
  hosts.find((h) => h.config.id === id)?.facts?.value.pools;
const live = (v: Vm, to: Host): DiskMove => ({ vm: v, to: to.config.id, live: true });

describe('checkDiskCopies', () => {
  it('copies a volume disk into the pool of the same name, with its size', () => {
    const alpha = withDisks(vm('alpha', hv1), [volume('vda', 'default', 8 * MiB)]);
    expect(checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]))).toEqual([
      { ok: true, copies: [{ target: 'vda', pool: 'default', bytes: 8 * MiB }] },
    ]);
  });

  it("refuses a disk bigger than the target pool's free space, with both figures", () => {
    const alpha = withDisks(vm('alpha', hv1), [volume('vda', 'default', 64 * MiB)]);
    expect(checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]))).toEqual([
      {
        ok: false,
        reason: {
          code: 'pool-space',
          vm: alpha.id,
          host: hv2.config.id,
          pool: 'default',
          freeBytes: 40 * MiB,
          needBytes: 64 * MiB,
          disks: ['vda'],
        },
      },
    ]);
  });

  it('checks the moves as one set: two disks that each fit alone do not fit together', () => {
    const a = withDisks(vm('a', hv1), [volume('vda', 'default', 30 * MiB)]);
    const b = withDisks(vm('b', hv1), [volume('vda', 'default', 30 * MiB)]);
    const [first, second] = checkDiskCopies([live(a, hv2), live(b, hv2)], poolsOf([hv1, hv2]));
    expect(first?.ok).toBe(true);
    expect(second).toMatchObject({
      ok: false,
      reason: { code: 'pool-space', vm: b.id, freeBytes: 10 * MiB, needBytes: 30 * MiB },
    });
  });

  it('refuses a disk whose pool the target lacks, or has inactive, or whose pools are not known', () => {
    const fast = withDisks(vm('fast', hv1), [volume('vdb', 'fast', MiB)]);
    expect(checkDiskCopies([live(fast, hv2)], poolsOf([hv1, hv2]))[0]).toMatchObject({
      ok: false,
      reason: { code: 'disk-not-copied', why: 'no-target-pool', where: 'fast', disk: 'vdb' },
    });
    const idle = withPools(host('idle'), [pool('fast', GiB, { active: false })]);
    expect(checkDiskCopies([live(fast, idle)], poolsOf([hv1, idle]))[0]).toMatchObject({
      ok: false,
      reason: { code: 'disk-not-copied', why: 'pool-inactive', host: idle.config.id },
    });
    const unknown = host('unknown');
    expect(checkDiskCopies([live(fast, unknown)], poolsOf([hv1, unknown]))[0]).toMatchObject({
      ok: false,
      reason: { code: 'disk-not-copied', why: 'pools-unknown', host: unknown.config.id },
    });
  });

  it('places a file disk by its directory, and refuses one outside every pool of its host', () => {
    const inPool: VmDiskRef = { target: 'vda', kind: 'file', path: '/pools/default/a.qcow2' };
    const a = withDisks(vm('a', hv1), [{ ...inPool, capacityBytes: MiB }]);
    expect(checkDiskCopies([live(a, hv2)], poolsOf([hv1, hv2]))[0]).toEqual({
      ok: true,
      copies: [{ target: 'vda', pool: 'default', bytes: MiB }],
    });
    const stray = withDisks(vm('stray', hv1), [
      { target: 'vda', kind: 'file', path: '/srv/nfs/stray.img' },
    ]);
    expect(checkDiskCopies([live(stray, hv2)], poolsOf([hv1, hv2]))[0]).toMatchObject({
      ok: false,
      reason: {
        code: 'disk-not-copied',
        why: 'no-source-pool',
        where: '/srv/nfs',
        host: hv1.config.id,
      },
    });
  });

  it('copies nothing on shared storage, refuses block devices and a shut-off VM with local disks', () => {
    const shared = withPools(host('shared'), [pool('nfs', GiB, { type: 'netfs' })]);
    const onNfs = withDisks(vm('on-nfs', shared), [volume('vda', 'nfs', 4 * GiB)]);
    expect(localDisks(onNfs, shared.facts?.value.pools)).toEqual([]);
    expect(checkDiskCopies([live(onNfs, hv2)], poolsOf([shared, hv2]))[0]).toEqual({
      ok: true,
      copies: [],
    });
    const lvm = withDisks(vm('lvm', hv1), [{ target: 'vda', kind: 'block', path: '/dev/vg/lvm' }]);
    expect(checkDiskCopies([live(lvm, hv2)], poolsOf([hv1, hv2]))[0]).toMatchObject({
      ok: false,
      reason: { code: 'disk-not-copied', why: 'block' },
    });
    const off = withDisks(vm('off', hv1, { state: 'shutoff' }), [volume('vda', 'default', MiB)]);
    expect(
      checkDiskCopies([{ vm: off, to: hv2.config.id, live: false }], poolsOf([hv1, hv2]))[0],
    ).toEqual({ ok: false, reason: { code: 'disk-cold', vm: off.id, disk: 'vda' } });
  });
});

describe('checkDiskCopies and the volumes already on the target', () => {
  const taken = (names: Record<string, string[]>) => (host: string, pool: string) =>
    names[`${host}\n${pool}`];

  it('refuses a copy onto a volume of the same name in the target pool, naming host, pool and volume', () => {
    const alpha = withDisks(vm('alpha', hv1), [volume('vda', 'default', 8 * MiB)]);
    const names = taken({ [`${hv2.config.id}\ndefault`]: ['other.qcow2', 'vda.qcow2'] });
    expect(checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]), { names, vms: [] })).toEqual([
      {
        ok: false,
        reason: {
          code: 'volume-exists',
          vm: alpha.id,
          disk: 'vda',
          host: hv2.config.id,
          pool: 'default',
          volume: 'vda.qcow2',
        },
      },
    ]);
  });

  it('says which VM defined on the target uses that volume, and copies when the name is free', () => {
    const alpha = withDisks(vm('alpha', hv1), [volume('vda', 'default', 8 * MiB)]);
    const owner = withDisks(vm('owner', hv2), [volume('vda', 'default')]);
    const names = taken({ [`${hv2.config.id}\ndefault`]: ['vda.qcow2'] });
    const [refused] = checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]), {
      names,
      vms: [alpha, owner],
    });
    expect(refused).toMatchObject({ ok: false, reason: { usedBy: owner.id } });
    const free = taken({ [`${hv2.config.id}\ndefault`]: ['other.qcow2'] });
    expect(
      checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]), { names: free, vms: [] }),
    ).toEqual([{ ok: true, copies: [{ target: 'vda', pool: 'default', bytes: 8 * MiB }] }]);
  });

  it('refuses when the volumes could not be read, and when two moves would make the same name', () => {
    const a = withDisks(vm('a', hv1), [volume('vda', 'default', MiB)]);
    const b = withDisks(vm('b', hv1), [volume('vda', 'default', MiB)]);
    const unread = checkDiskCopies([live(a, hv2)], poolsOf([hv1, hv2]), {
      names: () => undefined,
      vms: [],
    });
    expect(unread[0]).toMatchObject({
      ok: false,
      reason: { code: 'volume-exists', unknown: true },
    });
    const names = taken({ [`${hv2.config.id}\ndefault`]: [] });
    const [first, second] = checkDiskCopies([live(a, hv2), live(b, hv2)], poolsOf([hv1, hv2]), {
      names,
      vms: [],
    });
    expect(first?.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: { code: 'volume-exists', vm: b.id } });
  });

  it('names a file disk by its file name in the pool at its directory', () => {
    const file: VmDiskRef = { target: 'vdb', kind: 'file', path: '/pools/default/my disk.img' };
    const alpha = withDisks(vm('alpha', hv1), [file]);
    const names = taken({ [`${hv2.config.id}\ndefault`]: ['my disk.img'] });
    expect(
      checkDiskCopies([live(alpha, hv2)], poolsOf([hv1, hv2]), { names, vms: [] })[0],
    ).toMatchObject({ ok: false, reason: { code: 'volume-exists', volume: 'my disk.img' } });
  });
});

describe('the engine counts pools as disk capacity', () => {
  const view = (hosts: Host[], vms: Vm[]) => ({
    hosts,
    vms,
    services: [],
    paths: [],
    overcommit: DEFAULT_SETTINGS,
  });

  it("gives a host with pools their free space as disk, and an unmanaged VM its disks' size", () => {
    const resident = withDisks(vm('resident', hv2), [volume('vda', 'default', 10 * MiB)]);
    const input = buildPlacementInput(view([hv1, hv2], [resident]));
    const two = input.hosts.find((h) => h.id === hv2.config.id);
    // The engine subtracts what is there: what is left is the pool's free space.
    expect((two?.capacity.diskGiB ?? 0) * GiB).toBeCloseTo(50 * MiB, 0);
    const app = input.applications.find((a) => a.id === `vm:${resident.id}`);
    expect((app?.diskGiB ?? 0) * GiB).toBeCloseTo(10 * MiB, 0);
    // A host that did not list its pools is not weighed for disk.
    expect(buildPlacementInput(view([host('plain')], [])).hosts[0]?.capacity.diskGiB).toBe(
      undefined,
    );
  });

  it('refuses in the what-if with a disk reason as data when the disk does not fit, and passes when it does', () => {
    const big = withDisks(vm('big', hv1, { memoryMiB: 64 }), [volume('vda', 'default', 64 * MiB)]);
    const small = withDisks(vm('small', hv1, { memoryMiB: 64 }), [
      volume('vda', 'default', 8 * MiB),
    ]);
    const session = createWhatIfSession(buildPlacementInput(view([hv1, hv2], [big, small])));
    const refused = whatIf(session, [{ vm: big.id, host: hv2.config.id }]).moves[0];
    expect(refused?.ok).toBe(false);
    const disk = refused?.refusals.find((r) => r.code === 'disk');
    expect(disk).toMatchObject({ code: 'disk', host: hv2.config.id });
    expect(disk && 'shortGiB' in disk ? disk.shortGiB * GiB : 0).toBeCloseTo(24 * MiB, 0);
    expect(whatIf(session, [{ vm: small.id, host: hv2.config.id }]).moves[0]?.ok).toBe(true);
  });
});
