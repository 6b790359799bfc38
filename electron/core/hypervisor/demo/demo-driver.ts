import type { VmAction } from '../../../../shared/contract/requests';
import type { HostFacts } from '../../../../shared/domain/host';
import type { HostId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import type {
  HypervisorDriver,
  MigrateOptions,
  MigrationTarget,
  PathProbe,
  VmTags,
} from '../hypervisor-driver';
import { migrateDemoVm, probeDemoPath } from './demo-migrate';
import { defineVm, setVmTags, undefineVm } from './demo-operations';
import { demoMetricsOf } from './demo-metrics';
import { demoVmDetails, setDemoAutostart, withDemoDisk } from './demo-details';
import { openDemoConsole } from './demo-console';
import { demoHostStorage } from './demo-storage';
import { demoSnapshots } from './demo-snapshots';
import { demoVolumes } from './demo-volumes';
import type { DemoWorld } from './demo-world';

/** The driver interface over one simulated host: the demo link uses it exactly as a real link would. */
export function createDemoDriver(world: DemoWorld, hostId: HostId): HypervisorDriver {
  const host = world.host(hostId);
  return {
    facts: (): Promise<HostFacts> => Promise.resolve(host.facts),
    listVms: (): Promise<Vm[]> => Promise.resolve(host.vms.map(withDemoDisk)),
    watch(handlers) {
      const watcher = (): void => handlers.onChange();
      host.watchers.add(watcher);
      return Promise.resolve(() => {
        host.watchers.delete(watcher);
      });
    },
    act: (vmId: VmId, action: VmAction): Promise<void> =>
      Promise.resolve().then(() => world.act(hostId, vmId, action)),
    define: (xml: string): Promise<VmId> =>
      Promise.resolve().then(() => defineVm(world, hostId, xml)),
    undefine: (vmId: VmId): Promise<void> =>
      Promise.resolve().then(() => undefineVm(world, hostId, vmId)),
    setMetadata: (vmId: VmId, tags: VmTags): Promise<void> =>
      Promise.resolve().then(() => setVmTags(world, hostId, vmId, tags)),
    migrate: (vmId: VmId, target: MigrationTarget, options: MigrateOptions): Promise<void> =>
      migrateDemoVm(world, hostId, vmId, target, options),
    probeMigrationPath: (target: MigrationTarget): Promise<PathProbe> =>
      Promise.resolve().then(() => probeDemoPath(world, hostId, target)),
    vmDetails: (vmId: VmId) => Promise.resolve().then(() => demoVmDetails(world, hostId, vmId)),
    hostStorage: () => Promise.resolve().then(() => demoHostStorage(world, hostId)),
    openConsole: (vmId, _size, handlers) =>
      Promise.resolve().then(() => openDemoConsole(world, hostId, vmId, handlers)),
    setAutostart: (vmId: VmId, enabled: boolean) =>
      Promise.resolve().then(() => setDemoAutostart(world, hostId, vmId, enabled)),
    // The demo's peers answer from the world: a host cut from the console alone still answers them.
    probeReach: (address: string, port: number) =>
      Promise.resolve().then(() => world.reach(address, port)),
    sampleCounters: () =>
      Promise.resolve().then(() => demoMetricsOf(world).sample(hostId, Date.now())),
    snapshots: demoSnapshots(world, hostId),
    volumes: demoVolumes(world, hostId),
  };
}
