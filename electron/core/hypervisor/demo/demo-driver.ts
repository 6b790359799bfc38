import type { VmAction } from '../../../../shared/contract/requests';
import type { HostFacts } from '../../../../shared/domain/host';
import type { HostId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import type { HypervisorDriver } from '../hypervisor-driver';
import type { DemoWorld } from './demo-world';

/** The driver interface over one simulated host: the demo link uses it exactly as a real link would. */
export function createDemoDriver(world: DemoWorld, hostId: HostId): HypervisorDriver {
  const host = world.host(hostId);
  return {
    facts: (): Promise<HostFacts> => Promise.resolve(host.facts),
    listVms: (): Promise<Vm[]> => Promise.resolve([...host.vms]),
    watch(handlers) {
      const watcher = (): void => handlers.onChange();
      host.watchers.add(watcher);
      return Promise.resolve(() => {
        host.watchers.delete(watcher);
      });
    },
    act: (vmId: VmId, action: VmAction): Promise<void> =>
      Promise.resolve().then(() => world.act(hostId, vmId, action)),
  };
}
