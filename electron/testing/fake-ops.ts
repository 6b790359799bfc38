import type { HostConfig } from '../../shared/domain/host';
import type { HostId, VmId } from '../../shared/domain/ids';
import type { Vm, VmState } from '../../shared/domain/vm';
import { AppError } from '../../shared/errors';
import { stillFacts } from './fake-links';
import type { HostRegistry } from '../core/hosts/host-registry';
import type { HostLink, HostLinkListener } from '../core/hosts/host-link';
import { createHostLinkMachine } from '../core/hosts/host-link-machine';
import type { LinkPorts } from '../core/hosts/link-ports';
import { DemoSession } from '../core/hypervisor/demo/demo-session';
import { NO_HOST_KEYS } from '../core/hosts/demo-link-ports';
import type { HypervisorDriver } from '../core/hypervisor/hypervisor-driver';

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
  /** The host links' connections to it, open now. */
  sessions: Set<DemoSession>;
  /** Connection attempts waiting for the host to come up. */
  waiting: Set<() => void>;
}

/**
 * Pretend hosts for plan unit tests: each host's VMs in memory, operations that change them (with a
 * delay, so concurrency is real), hooks to look inside the journal while an operation runs, and a
 * count of operations in flight at once. A migration moves the VM between the fake hosts. Each
 * host runs the host link machine of real hosts; only its ports (connect, driver) are pretend.
 */
export class FakeWorld {
  readonly hosts = new Map<HostId, FakeHostState>();
  readonly calls: FakeCall[] = [];
  /** Runs at the start of every operation, before it changes anything (may throw to fail it). */
  before: ((call: FakeCall) => void | Promise<void>) | undefined;
  opDelayMs = 5;
  migrationTicks = 4;
  /** Hosts whose listing fails once connected (libvirt stops answering after the first one). */
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
    this.hosts.set(config.id, {
      config,
      vms: new Map(),
      connected: true,
      sessions: new Set(),
      waiting: new Set(),
    });
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
  attach(hosts: HostRegistry): void {
    for (const { config } of this.hosts.values()) hosts.attach(config, (l) => this.link(config, l));
  }

  /** Bring a host up (waiting connections go through) or take it down (its connections drop). */
  setConnected(hostId: HostId, connected: boolean): void {
    const host = this.host(hostId);
    host.connected = connected;
    if (connected) {
      for (const open of [...host.waiting]) open();
      return;
    }
    for (const session of [...host.sessions]) {
      session.lose(new AppError('unreachable', `${host.config.name} stopped answering`));
    }
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
    return createHostLinkMachine(
      config,
      {
        trustedKeys: NO_HOST_KEYS,
        listener,
        // No backstop poll: plans re-list after each step themselves, and a listing that fails
        // must reach the plan, not turn the host into a hypervisor problem before it asks.
        timing: { pollMs: 60_000, backoffMinMs: 10, backoffMaxMs: 40, factsEveryMs: 60_000 },
      },
      this.ports(config.id),
    );
  }

  /** A connection opens once the host is up; until then the attempt waits, as a slow host's. */
  private ports(hostId: HostId): LinkPorts {
    const host = this.host(hostId);
    return {
      connect: (_trusted, _timing, signal) =>
        new Promise((resolve, reject) => {
          const open = (): void => {
            host.waiting.delete(open);
            const session = new DemoSession(host.config.name, (s) => host.sessions.delete(s));
            host.sessions.add(session);
            resolve(session);
          };
          signal.addEventListener('abort', () => {
            host.waiting.delete(open);
            reject(new AppError('cancelled', 'gave up'));
          });
          if (host.connected) queueMicrotask(open);
          else host.waiting.add(open);
        }),
      driverFor: () => this.driver(hostId),
    };
  }

  private driver(hostId: HostId): HypervisorDriver {
    const vms = this.host(hostId).vms;
    let listed = 0;
    const need = (vmId: VmId): Vm => {
      const vm = vms.get(vmId);
      if (!vm) throw new AppError('not-found', 'Domain not found', { detail: `no domain ${vmId}` });
      return vm;
    };
    return {
      facts: () => Promise.resolve(stillFacts(this.host(hostId).config)),
      listVms: () => {
        listed += 1;
        if (listed > 1 && this.failsListing.has(hostId)) {
          return Promise.reject(
            new AppError('command-failed', `Couldn't list the VMs of ${hostId}`, {
              detail: 'error: failed to connect to the hypervisor',
            }),
          );
        }
        return Promise.resolve(this.list(hostId));
      },
      watch: () => Promise.resolve(() => undefined),
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
