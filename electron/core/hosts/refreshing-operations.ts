import type { Vm } from '../../../shared/domain/vm';
import type { HypervisorDriver } from '../hypervisor/hypervisor-driver';
import type { HostOperations } from './host-link';

/**
 * A driver's operations for plans, real hosts and demo ones alike: each change is followed by
 * `relist` (a priority re-list), whatever its outcome; events usually bring the change too, but a
 * plan's next step must not wait for the poll. `refresh` is the plan's own "re-list and tell me".
 */
export function refreshingOperations(
  driver: HypervisorDriver,
  relist: () => void,
  refresh: () => Promise<readonly Vm[]>,
): HostOperations {
  const thenRelist = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      relist();
    }
  };
  const sample = driver.sampleCounters?.bind(driver);
  const ipmitool = driver.runIpmitool?.bind(driver);
  const probeReach = driver.probeReach?.bind(driver);
  const openGraphics = driver.openGraphics?.bind(driver);
  const snapshots = driver.snapshots;
  const volumes = driver.volumes;
  return {
    act: (vmId, action) => thenRelist(() => driver.act(vmId, action)),
    define: (xml) => thenRelist(() => driver.define(xml)),
    undefine: (vmId) => thenRelist(() => driver.undefine(vmId)),
    setMetadata: (vmId, tags) => thenRelist(() => driver.setMetadata(vmId, tags)),
    migrate: (vmId, target, options) => thenRelist(() => driver.migrate(vmId, target, options)),
    probeMigrationPath: (target) => driver.probeMigrationPath(target),
    vmDetails: (vmId) => driver.vmDetails(vmId),
    hostStorage: () => driver.hostStorage(),
    openConsole: (vmId, size, handlers) => driver.openConsole(vmId, size, handlers),
    setAutostart: (vmId, enabled) => thenRelist(() => driver.setAutostart(vmId, enabled)),
    // A sample changes nothing on the host: no re-list after it.
    ...(sample === undefined ? {} : { sampleCounters: sample }),
    // Asking a BMC changes nothing on this host either.
    ...(ipmitool === undefined ? {} : { runIpmitool: ipmitool }),
    ...(probeReach === undefined ? {} : { probeReach }),
    ...(openGraphics === undefined ? {} : { openGraphics }),
    // A revert changes the VM's state; a snapshot taken with memory pauses it for a moment.
    ...(snapshots === undefined
      ? {}
      : {
          snapshots: {
            list: (vmId) => snapshots.list(vmId),
            create: (vmId, spec) => thenRelist(() => snapshots.create(vmId, spec)),
            revert: (vmId, name) => thenRelist(() => snapshots.revert(vmId, name)),
            remove: (vmId, name, children) =>
              thenRelist(() => snapshots.remove(vmId, name, children)),
          },
        }),
    // Volumes are not in the VM list: nothing to re-list after them.
    ...(volumes === undefined ? {} : { volumes }),
    refresh,
  };
}
