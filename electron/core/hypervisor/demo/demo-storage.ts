import type { HostStorage, StoragePool } from '../../../../shared/domain/host-storage';
import type { HostId } from '../../../../shared/domain/ids';
import { demoDiskOf } from './demo-details';
import type { DemoWorld } from './demo-world';

const GiB = 1024 ** 3;

/**
 * A demo host's pools and networks, as a small libvirt host has them: `default` (a directory pool
 * holding its VMs' disks: allocation is their written bytes), an ISO pool on every other host, an
 * NFS backup pool left inactive on every third, and the NAT network `default` (an isolated one,
 * inactive, on every fourth). Stable per host: derived from its place in the world.
 */
export function demoHostStorage(world: DemoWorld, hostId: HostId): HostStorage {
  const host = world.host(hostId);
  const n = [...hostId].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  const capacity = (900 + (n % 4) * 300) * GiB;
  const written = host.vms.reduce((sum, vm) => sum + demoDiskOf(vm).allocation, 0);
  const used = Math.min(capacity, written + 12 * GiB);
  const uuid = (k: number) =>
    `${(n * 7919 + k).toString(16).padStart(8, '0').slice(-8)}-5f3a-4c1e-9d6a-00000000000${k}`;
  const pools: StoragePool[] = [
    {
      uuid: uuid(1),
      name: 'default',
      type: 'dir',
      active: true,
      autostart: true,
      path: '/var/lib/libvirt/images',
      capacityBytes: capacity,
      allocationBytes: used,
      availableBytes: capacity - used,
    },
  ];
  if (n % 2 === 0) {
    pools.push({
      uuid: uuid(2),
      name: 'iso',
      type: 'dir',
      active: true,
      autostart: false,
      path: '/srv/iso',
      capacityBytes: 200 * GiB,
      allocationBytes: 23 * GiB,
      availableBytes: 177 * GiB,
    });
  }
  if (n % 3 === 0) {
    pools.push({
      uuid: uuid(3),
      name: 'backup',
      type: 'netfs',
      active: false,
      autostart: false,
      path: '/mnt/backup',
    });
  }
  return {
    hostId,
    readAt: Date.now(),
    pools,
    networks: [
      {
        uuid: uuid(4),
        name: 'default',
        active: true,
        autostart: true,
        forward: 'nat',
        bridge: 'virbr0',
        address: '192.168.122.1/24',
      },
      ...(n % 4 === 0
        ? [
            {
              uuid: uuid(5),
              name: 'isolated',
              active: false,
              autostart: false,
              bridge: 'virbr1',
              address: '10.10.0.1/24',
            },
          ]
        : []),
    ],
  };
}
