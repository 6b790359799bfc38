import type { HostId } from '../../shared/domain/ids';
import type { MigrationTarget } from '../core/hypervisor/hypervisor-driver';

/** hv2 of the lab as a migration target, as the console's settings for it say. */
export const LAB_TARGET: MigrationTarget = {
  hostId: 'lab-hv2' as HostId,
  hostName: 'hv2',
  address: '127.0.0.12',
  port: 22,
  user: 'hv2',
  uri: 'qemu:///session',
};
