import { describe, expect, it } from 'vitest';
import { HostId, ServiceId, VmId } from './ids';
import { leftToRecover } from './recovery';
import type { Vm } from './vm';

// What "Recover VMs…" still has to restart for a lost host: its service VMs that were running, less
// those a recovery already runs elsewhere (the same UUID active on another host).

const vm = (id: string, hostId: string, overrides: Partial<Vm> = {}): Vm => ({
  id: VmId.parse(id),
  hostId: HostId.parse(hostId),
  name: id,
  state: 'running',
  vcpus: 1,
  memoryMiB: 512,
  persistent: true,
  ...overrides,
});
const shop = { service: ServiceId.parse('svc-shop') };

describe('leftToRecover', () => {
  it('lists the lost host’s running service VMs that run nowhere else', () => {
    const vms = [
      vm('u1', 'hv3', shop),
      vm('u2', 'hv3', shop),
      vm('u3', 'hv3'), // no service
      vm('u4', 'hv3', { ...shop, state: 'shutoff' }),
      vm('u2', 'hv1', shop), // recovered already
      vm('u1', 'hv2', { ...shop, state: 'shutoff' }), // defined elsewhere, not running there
      vm('u9', 'hv1', shop),
    ];
    expect(leftToRecover('hv3', vms).map((v) => v.id)).toEqual(['u1']);
  });

  it('is empty for a host with no service VM, whatever the rest of the fleet runs', () => {
    const vms = [vm('u1', 'hv1', shop), vm('u2', 'hv2', shop), vm('u3', 'hv3')];
    expect(leftToRecover('hv3', vms)).toEqual([]);
    expect(leftToRecover('hv4', vms)).toEqual([]);
  });
});
