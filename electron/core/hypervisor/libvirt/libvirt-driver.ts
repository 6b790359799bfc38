import type { VmAction } from '../../../../shared/contract/requests';
import type { HostFacts } from '../../../../shared/domain/host';
import type { HostId, VmId } from '../../../../shared/domain/ids';
import type { Vm } from '../../../../shared/domain/vm';
import type { VmFullDetails } from '../../../../shared/domain/vm-details';
import { SMALL_OUTPUT_BYTES, type RemoteShell } from '../../ssh/remote-shell';
import type {
  HypervisorDriver,
  MigrateOptions,
  MigrationTarget,
  PathProbe,
  VmTags,
  WatchHandlers,
} from '../hypervisor-driver';
import {
  DEFAULT_DRIVER_TIMEOUTS,
  virsh,
  type DriverContext,
  type DriverTimeouts,
} from './driver-context';
import { isUuid } from './parse-domain-list';
import { performAction } from './libvirt-actions';
import { defineDomain, setDomainMetadata, undefineDomain } from './libvirt-define';
import { migrateDomain } from './libvirt-migrate';
import { probeMigrationPath } from './libvirt-probe';
import { probeReach } from './libvirt-reach';
import { readFacts } from './libvirt-facts';
import { VmLister } from './libvirt-vms';
import { watchEvents } from './libvirt-watch';
import { readVmDetails, setAutostart } from './libvirt-vm-details';
import { readHostStorage } from './host-storage';
import { openSerialConsole } from './libvirt-console';
import { openDisplayStream } from './libvirt-graphics';
import { libvirtVolumes } from './libvirt-volumes';
import { createSnapshot, deleteSnapshot, listSnapshots, revertSnapshot } from './libvirt-snapshots';
import { sampleLibvirtHost } from '../../metrics/libvirt-sample';
import { runIpmitoolOnPeer } from '../../power/peer-ipmitool';

export interface LibvirtDriverOptions {
  shell: RemoteShell;
  hostId: HostId;
  hostName: string;
  /** The SSH user virsh runs as (named in the fixes a path probe suggests). */
  user?: string;
  uri: string;
  timeouts?: Partial<DriverTimeouts>;
  /** Events arriving within this window become one change (default 30 ms). */
  debounceMs?: number;
  /** Where problems that fail nothing go (default: nowhere). */
  warn?: (message: string, detail?: string) => void;
  /** Where a service VM's domain XML goes when a listing reads it (the definition keeper). */
  keep?: (uuid: string, xml: string) => void;
}

/** libvirt on one host, driven by `virsh` through a RemoteShell. */
export function createLibvirtDriver(options: LibvirtDriverOptions): HypervisorDriver {
  const ctx: DriverContext = {
    shell: options.shell,
    hostId: options.hostId,
    hostName: options.hostName,
    ...(options.user === undefined ? {} : { user: options.user }),
    uri: options.uri,
    timeouts: { ...DEFAULT_DRIVER_TIMEOUTS, ...options.timeouts },
    ...(options.warn === undefined ? {} : { warn: options.warn }),
    ...(options.keep === undefined ? {} : { keep: options.keep }),
  };
  const lister = new VmLister(ctx);
  /** The name for messages: from the last listing, else asked (a plan may act before any listing). */
  const nameFor = async (vmId: VmId): Promise<string | undefined> => {
    const known = lister.nameOf(vmId);
    if (known !== undefined || !isUuid(vmId)) return known;
    const result = await ctx.shell
      .exec(virsh(ctx, 'domname', '--domain', vmId), {
        timeoutMs: ctx.timeouts.queryMs,
        maxOutputBytes: SMALL_OUTPUT_BYTES,
      })
      .catch(() => undefined);
    return result?.code === 0 ? result.stdout.replace(/\n+$/, '') || undefined : undefined;
  };
  return {
    facts: (): Promise<HostFacts> => readFacts(ctx),
    listVms: (): Promise<Vm[]> => lister.list(),
    sampleCounters: () => sampleLibvirtHost(ctx),
    runIpmitool: (argv, password) => runIpmitoolOnPeer(ctx.shell, argv, password),
    watch: (handlers: WatchHandlers) =>
      watchEvents(
        ctx,
        { ...handlers, onDomain: (name) => lister.invalidate(name) },
        options.debounceMs,
      ),
    act: (vmId: VmId, action: VmAction): Promise<void> =>
      performAction(ctx, vmId, action, lister.nameOf(vmId)),
    async define(xml: string): Promise<VmId> {
      const uuid = await defineDomain(ctx, xml);
      lister.invalidateUuid(uuid); // a redefinition may have changed its tags or size
      return uuid;
    },
    undefine: async (vmId: VmId): Promise<void> => undefineDomain(ctx, vmId, await nameFor(vmId)),
    async setMetadata(vmId: VmId, tags: VmTags): Promise<void> {
      try {
        await setDomainMetadata(ctx, vmId, tags, await nameFor(vmId));
      } finally {
        lister.invalidateUuid(vmId);
      }
    },
    migrate: async (vmId: VmId, target: MigrationTarget, options: MigrateOptions): Promise<void> =>
      migrateDomain(ctx, vmId, target, options, await nameFor(vmId)),
    probeMigrationPath: (target: MigrationTarget): Promise<PathProbe> =>
      probeMigrationPath(ctx, target),
    probeReach: (address: string, port: number) => probeReach(ctx, address, port),
    hostStorage: () => readHostStorage(ctx),
    vmDetails: async (vmId: VmId): Promise<VmFullDetails> =>
      readVmDetails(ctx, vmId, await nameFor(vmId)),
    openConsole: async (vmId, size, handlers) =>
      openSerialConsole(ctx, vmId, await nameFor(vmId), size, handlers),
    openGraphics: async (vmId, handlers) => openDisplayStream(ctx, vmId, await nameFor(vmId), handlers),
    async setAutostart(vmId: VmId, enabled: boolean): Promise<void> {
      await setAutostart(ctx, vmId, enabled, await nameFor(vmId));
    },
    snapshots: {
      list: async (vmId) => listSnapshots(ctx, vmId, await nameFor(vmId)),
      create: async (vmId, spec) => createSnapshot(ctx, vmId, spec, await nameFor(vmId)),
      revert: async (vmId, name) => revertSnapshot(ctx, vmId, name, await nameFor(vmId)),
      remove: async (vmId, name, children) =>
        deleteSnapshot(ctx, vmId, name, children, await nameFor(vmId)),
    },
    volumes: libvirtVolumes(ctx),
  };
}
