import type { VmAction } from '../../../../shared/contract/requests';
import type { HostFacts } from '../../../../shared/domain/host';
import type { HostId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import type { AppError } from '../../../../shared/errors';
import type { RemoteShell } from '../../hosts/remote-shell';
import type { HypervisorDriver } from '../hypervisor-driver';
import { DEFAULT_DRIVER_TIMEOUTS, type DriverContext, type DriverTimeouts } from './driver-context';
import { performAction } from './libvirt-actions';
import { readFacts } from './libvirt-facts';
import { VmLister } from './libvirt-vms';
import { watchEvents } from './libvirt-watch';

export interface LibvirtDriverOptions {
  shell: RemoteShell;
  hostId: HostId;
  hostName: string;
  uri: string;
  timeouts?: Partial<DriverTimeouts>;
  /** Events arriving within this window become one change (default 30 ms). */
  debounceMs?: number;
  /** Where problems that fail nothing go (default: nowhere). */
  warn?: (message: string, detail?: string) => void;
}

/** libvirt on one host, driven by `virsh` through a RemoteShell. */
export function createLibvirtDriver(options: LibvirtDriverOptions): HypervisorDriver {
  const ctx: DriverContext = {
    shell: options.shell,
    hostId: options.hostId,
    hostName: options.hostName,
    uri: options.uri,
    timeouts: { ...DEFAULT_DRIVER_TIMEOUTS, ...options.timeouts },
    ...(options.warn === undefined ? {} : { warn: options.warn }),
  };
  const lister = new VmLister(ctx);
  return {
    facts: (): Promise<HostFacts> => readFacts(ctx),
    listVms: (): Promise<Vm[]> => lister.list(),
    watch: (handlers: { onChange(): void; onBroken(error: AppError): void }) =>
      watchEvents(
        ctx,
        { ...handlers, onDomain: (name) => lister.invalidate(name) },
        options.debounceMs,
      ),
    act: (vmId: VmId, action: VmAction): Promise<void> =>
      performAction(ctx, vmId, action, lister.nameOf(vmId)),
  };
}
