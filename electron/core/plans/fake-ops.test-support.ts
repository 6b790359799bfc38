import type { HostConfig } from '../../../shared/domain/host';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Vm, VmState } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { Fleet } from '../fleet/fleet';
import type { HostLink, HostLinkListener, HostOperations } from '../hosts/host-link';

/** One call a plan made on a fake host, in order. */
export interface FakeCall {
  method: 'act' | 'define' | 'undefine' | 'setMetadata' | 'migrate';
  hostId: HostId;
  vmId: VmId;
  detail?: string;
  /** migrate: what the step asked for. */
  live?: boolean;
}

interface FakeHostState {
  config: HostConfig;
  vms: Map<VmId, Vm>;
  connected: boolean;
  listener?: HostLinkListener;
}

/**
 * Pretend hosts for plan unit tests: each host's VMs in memory, operations that change them (with a
 * delay, so concurrency is real), hooks to look inside the journal while an operation runs, and a
 * count of operations in flight at once. A migration moves the VM between the fake hosts.
 */
export class FakeWorld {
  readonly hosts = new Map<HostId, FakeHostState>();
  readonly calls: FakeCall[] = [];
  /** Runs at the start of every operation, before it changes anything (may throw to fail it). */
  before: ((call: FakeCall) => void | Promise<void>) | undefined;
  opDelayMs = 5;
  migrationTicks = 4;
  /** Hosts whose listing fails (libvirt not answering on a connected host). */
  readonly failsListing = new Set<HostId>();
  /** Guests that ignore `shutdown` (like the lab's disk-less ones). */
  readonly ignoresShutdown = new Set<VmId>();
  /** Fail the next operation of this method on this VM name: `act:start:web-1`, `define:web-1` … */
  readonly failures = new Map<string, AppError>();
  active = 0;
  maxActive = 0;

  addHost(name: string): HostConfig {
    const config: HostConfig = {
      id: name as HostId,
      name,
      address: `${name}.example`,
      port: 22,
      user: 'admin',
      uri: 'qemu:///system',
      labels: {},
      driver: 'libvirt',
    };
    this.hosts.set(config.id, { config, vms: new Map(), connected: true });
    return config;
  }

  addVm(hostId: HostId, vm: { id: string; name: string; state?: VmState }): Vm {
    const full: Vm = {
      id: vm.id as VmId,
      hostId,
      name: vm.name,
      state: vm.state ?? 'shutoff',
      vcpus: 1,
      memoryMiB: 64,
      persistent: true,
    };
    this.host(hostId).vms.set(full.id, full);
    return full;
  }

  vm(hostId: HostId, vmId: string): Vm | undefined {
    return this.host(hostId).vms.get(vmId as VmId);
  }

  /** Attach every fake host to the fleet. */
  attach(fleet: Fleet): void {
    for (const { config } of this.hosts.values()) fleet.attach(config, (l) => this.link(config, l));
  }

  setConnected(hostId: HostId, connected: boolean): void {
    const host = this.host(hostId);
    host.connected = connected;
    host.listener?.host({ config: host.config, state: connected ? 'connected' : 'unreachable' });
  }

  private host(hostId: HostId): FakeHostState {
    const host = this.hosts.get(hostId);
    if (!host) throw new Error(`no fake host ${hostId}`);
    return host;
  }

  private list(hostId: HostId): Vm[] {
    return [...this.host(hostId).vms.values()].map((vm) => ({ ...vm }));
  }

  private link(config: HostConfig, listener: HostLinkListener): HostLink {
    const state = this.host(config.id);
    state.listener = listener;
    const hostNow = (): { config: HostConfig; state: 'connected' | 'connecting' } => ({
      config,
      state: state.connected ? 'connected' : 'connecting',
    });
    return {
      id: config.id,
      current: () => ({ host: hostNow(), vms: this.list(config.id) }),
      open: () => {
        listener.host(hostNow());
        listener.vms(this.list(config.id));
      },
      trust: () => Promise.resolve(),
      reconnect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      act: () => Promise.reject(new Error('plans must use hypervisor()')),
      hypervisor: () =>
        state.connected
          ? Promise.resolve(this.ops(config.id))
          : Promise.reject(
              new AppError('unreachable', `${config.name} is not connected`, { hostId: config.id }),
            ),
      close: () => Promise.resolve(),
    };
  }

  private ops(hostId: HostId): HostOperations {
    const vms = this.host(hostId).vms;
    const need = (vmId: VmId): Vm => {
      const vm = vms.get(vmId);
      if (!vm) throw new AppError('not-found', 'Domain not found', { detail: `no domain ${vmId}` });
      return vm;
    };
    return {
      refresh: () => {
        if (this.failsListing.has(hostId)) {
          return Promise.reject(
            new AppError('command-failed', `Couldn't list the VMs of ${hostId}`, {
              detail: 'error: failed to connect to the hypervisor',
            }),
          );
        }
        const list = this.list(hostId);
        this.host(hostId).listener?.vms(list);
        return Promise.resolve(list);
      },
      act: (vmId, action) =>
        this.track({ method: 'act', hostId, vmId, detail: action }, `act:${action}`, () => {
          const vm = need(vmId);
          const active = vm.state === 'running';
          if (action === 'start') {
            if (active) throw libvirt('Requested operation is not valid: domain is already active');
            vm.state = 'running';
          } else if (action === 'destroy' || action === 'shutdown') {
            if (!active) throw libvirt('Requested operation is not valid: domain is not running');
            if (action === 'destroy' || !this.ignoresShutdown.has(vmId)) vm.state = 'shutoff';
          }
        }),
      define: (xml) => {
        const name = /<name>([^<]+)<\/name>/.exec(xml)?.[1] ?? '';
        const uuid = (/<uuid>([^<]+)<\/uuid>/.exec(xml)?.[1] ?? 'no-uuid') as VmId;
        return this.track({ method: 'define', hostId, vmId: uuid, detail: name }, `define`, () => {
          const app = /application='([^']*)'/.exec(xml)?.[1];
          const service = /service='([^']*)'/.exec(xml)?.[1];
          const vm = vms.get(uuid) ?? this.addVm(hostId, { id: uuid, name });
          if (app !== undefined) vm.application = app as Vm['application'] & string;
          if (service !== undefined) vm.service = service as Vm['service'] & string;
          return uuid;
        });
      },
      undefine: (vmId) =>
        this.track({ method: 'undefine', hostId, vmId }, 'undefine', () => {
          if (vms.get(vmId)?.state === 'running') throw libvirt('cannot undefine an active domain');
          vms.delete(vmId);
        }),
      setMetadata: (vmId, tags) =>
        this.track({ method: 'setMetadata', hostId, vmId }, 'setMetadata', () => {
          Object.assign(need(vmId), tags);
        }),
      migrate: (vmId, target, options) =>
        this.track(
          { method: 'migrate', hostId, vmId, detail: target.hostId, live: options.live },
          'migrate',
          async () => {
            need(vmId);
            for (let tick = 1; tick <= this.migrationTicks; tick++) {
              if (options.signal?.aborted) throw new AppError('cancelled', 'migration cancelled');
              await sleep(this.opDelayMs);
              options.onProgress?.((tick / this.migrationTicks) * 100);
            }
            if (options.signal?.aborted) throw new AppError('cancelled', 'migration cancelled');
            const vm = need(vmId);
            vms.delete(vmId);
            this.host(target.hostId).vms.set(vmId, { ...vm, hostId: target.hostId });
          },
        ),
      probeMigrationPath: () => Promise.resolve({ ok: true }),
    };
  }

  private async track<T>(call: FakeCall, key: string, run: () => T | Promise<T>): Promise<T> {
    this.calls.push(call);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      await this.before?.(call);
      await sleep(this.opDelayMs);
      const name = this.hosts.get(call.hostId)?.vms.get(call.vmId)?.name ?? call.detail ?? '';
      const failure =
        this.failures.get(`${key}:${name}`) ??
        (call.method === 'act' ? undefined : this.failures.get(`${call.method}:${name}`));
      if (failure) {
        this.failures.delete(`${key}:${name}`);
        throw failure;
      }
      return await run();
    } finally {
      this.active--;
    }
  }
}

function libvirt(words: string): AppError {
  return new AppError('command-failed', 'virsh refused', { detail: `error: ${words}` });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
