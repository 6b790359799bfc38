import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { PlanStep } from '../../../shared/domain/plan';
import type { Vm, VmDiskRef } from '../../../shared/domain/vm';
import { pool } from '../../../shared/testing/disk-fixtures';
import type { HostOperations } from '../hosts/host-link';
import type { HostRegistry } from '../hosts/host-registry';
import { refuseWritingOver, userNow } from './disk-guards';
import type { StepEnv } from './step-env';

// The checks a step makes on the host right before it acts, with hosts faked as their listings.

const NAME = `it's "a disk" $(x).qcow2`;
const hv1 = 'h1' as HostId;
const hv2 = 'h2' as HostId;
const env = {
  hosts: {
    get: (id: HostId) => ({ config: { name: id === hv1 ? 'hv1' : 'hv2' } }),
  } as unknown as HostRegistry,
} as StepEnv;

function guest(name: string, disks: VmDiskRef[], hostId = hv1): Vm {
  return {
    id: `uuid-${name}` as VmId,
    hostId,
    name,
    state: 'running',
    vcpus: 1,
    memoryMiB: 64,
    persistent: true,
    disks,
  };
}

const onPool: VmDiskRef = { target: 'vda', kind: 'volume', pool: 'default', volume: NAME };
const asFile: VmDiskRef = { target: 'vdb', kind: 'file', path: `/pools/default/${NAME}` };

/** A host whose pool `default` lists `names` (undefined: the listing fails) and which lists `vms`. */
function hostWith(names: string[] | undefined, vms: Vm[] = []): HostOperations & { lists: number } {
  const ops = {
    lists: 0,
    refresh: () => Promise.resolve(vms),
    hostStorage: () => Promise.resolve({ pools: [pool('default', 1024 ** 3)], networks: [] }),
    volumes: {
      list: (p: string) => {
        ops.lists += 1;
        if (names === undefined || p !== 'default') {
          return Promise.reject(
            new Error(`Couldn't list the volumes of pool '${p}' on hv2: failed`),
          );
        }
        return Promise.resolve(names.map((name) => ({ name, pool: p })));
      },
    },
  };
  return ops as unknown as HostOperations & { lists: number };
}

const step = {
  kind: 'migrate',
  hostId: hv1,
  targetHostId: hv2,
  vmId: 'uuid-web' as VmId,
  vmName: 'web',
  disks: [{ target: 'vda', pool: 'default', bytes: 8 * 1024 ** 2 }],
} as PlanStep;

describe('refuseWritingOver: right before a copy', () => {
  const web = guest('web', [onPool]);

  it('lets the copy go when the target pool has no volume of the disk’s name', async () => {
    const target = hostWith(['other.qcow2']);
    await expect(refuseWritingOver(step, web, target, env)).resolves.toBeUndefined();
    expect(target.lists).toBe(1);
  });

  it('refuses in words when one appeared since the move was checked, and when the pool cannot be read', async () => {
    await expect(refuseWritingOver(step, web, hostWith([NAME]), env)).rejects.toMatchObject({
      code: 'conflict',
      message: `hv2's pool default now has a volume named ${NAME}, which it did not have when the move was checked: copying web's disk vda there would write over it, so nothing was moved; delete or rename that volume if nothing needs it, or move web elsewhere`,
    });
    const unread = refuseWritingOver(step, web, hostWith(undefined), env);
    await expect(unread).rejects.toMatchObject({ code: 'conflict', retryable: true });
    await expect(unread).rejects.toThrow(
      /^the volumes of hv2's pool default could not be read just before the copy \(Couldn't list the volumes of pool 'default' on hv2: failed\), so the console cannot tell whether copying web's disks there would write over one; nothing was moved$/,
    );
  });

  it('refuses a disk its definition no longer has, and does nothing for a move without copies', async () => {
    await expect(refuseWritingOver(step, guest('web', []), hostWith([]), env)).rejects.toThrow(
      /its disk vda is no longer in its definition on hv1/,
    );
    const target = hostWith([NAME]);
    await refuseWritingOver({ ...step, disks: [] }, web, target, env);
    expect(target.lists).toBe(0);
  });
});

describe('refuseWritingOver: a rollback moving a VM back onto the copy its move left', () => {
  const web = guest('web', [onPool], hv2);
  const back = { ...step, hostId: hv2, targetHostId: hv1, ontoOwnCopy: true } as PlanStep;

  it('lets the copy go onto a volume of the disk’s name that no domain there uses', async () => {
    // The VM's own stale definition does not count: it is the copy of this very VM.
    const stale = guest('web', [onPool], hv1);
    await expect(refuseWritingOver(back, web, hostWith([NAME], [stale]), env)).resolves.toBe(
      undefined,
    );
  });

  it('refuses in words when a domain there uses that volume now', async () => {
    const other = guest('new-one', [asFile], hv1);
    await expect(
      refuseWritingOver(back, web, hostWith([NAME], [other]), env),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `hv1's pool default has a volume named ${NAME}, which new-one there uses: moving web back would copy its disk vda over it, so nothing was moved; move web elsewhere, or free that name`,
    });
  });
});

describe('userNow: right before a stale copy is deleted', () => {
  const volume = { pool: 'default', name: NAME };

  it('finds a domain naming it as a volume, or as the file in the pool’s directory', async () => {
    expect(await userNow(hostWith([NAME], [guest('new-one', [onPool])]), volume)).toBe('new-one');
    expect(await userNow(hostWith([NAME], [guest('by-path', [asFile])]), volume)).toBe('by-path');
  });

  it('finds none when no domain there names it (another name, another pool, a block device)', async () => {
    const others = [
      guest('a', [{ ...onPool, volume: 'other.qcow2' }]),
      guest('b', [{ ...onPool, pool: 'fast' }]),
      guest('c', [{ target: 'vdc', kind: 'block', path: `/pools/default/${NAME}` }]),
      guest('d', [{ ...asFile, path: `/elsewhere/${NAME}` }]),
    ];
    expect(await userNow(hostWith([NAME], others), volume)).toBeUndefined();
  });
});
