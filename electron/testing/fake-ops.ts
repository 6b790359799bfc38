import type { HostConfig } from '../../shared/domain/host';
import type { HostId, VmId } from '../../shared/domain/ids';
import type { Vm, VmState } from '../../shared/domain/vm';
import { AppError } from '../../shared/errors';
import { stillFacts } from './fake-links';
import type { HostRegistry } from '../core/hosts/host-registry';
import type { HostLink, HostLinkListener } from '../core/hosts/host-link';
import { createHostLinkMachine } from '../core/hosts/host-link-machine';
import type { LinkPorts } from '../core/hosts/link-ports';
import { createDemoDriver } from '../core/hypervisor/demo/demo-driver';
import { DemoWorld } from '../core/hypervisor/demo/demo-world';
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

/** What the world adds to a simulated host for plan tests: is it up, and who waits for it. */
interface FakeHostState {
  config: HostConfig;
  connected: boolean;
  /** Connection attempts waiting for the host to come up. */
  waiting: Set<() => void>;
}

/**
 * Pretend hosts for plan unit tests: the demo's simulated estate (DemoWorld, the one fake world
 * the console has: its VMs, libvirt's refusals, migrations with progress and cancel), with what a
 * plan test needs on top: every operation recorded and delayed (so concurrency is real), hooks to
 * look inside the journal while one runs, failures on demand, and a count of operations in flight
 * at once. Each host runs the host link machine of real hosts; only its way in is pretend.
 */
export class FakeWorld {
  readonly demo = new DemoWorld([], { tickMs: 0, shutdownMs: 0 });
  readonly hosts = new Map<HostId, FakeHostState>();
  readonly calls: FakeCall[] = [];
  /** Runs at the start of every operation, before it changes anything (may throw to fail it). */
  before: ((call: FakeCall) => void | Promise<void>) | undefined;
  opDelayMs = 5;
  migrationTicks = 4;
  /** Hosts whose listing fails once connected (libvirt stops answering after the first one). */
  readonly failsListing = new Set<HostId>();
  /** Guests that ignore `shutdown` (like the lab's disk-less ones). */
  readonly ignoresShutdown = this.demo.ignoresShutdown;
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
    this.demo.addHost({ config, facts: stillFacts(config), vms: [] });
    this.hosts.set(config.id, { config, connected: true, waiting: new Set() });
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
    const host = this.demo.host(hostId);
    this.demo.setVms(host, [...host.vms, full]);
    return full;
  }

  vm(hostId: HostId, vmId: string): Vm | undefined {
    return this.demo.host(hostId).vms.find((vm) => vm.id === vmId);
  }

  vmsOf(hostId: HostId): readonly Vm[] {
    return this.demo.host(hostId).vms;
  }

  /** A VM gone behind the console's back (undefined by hand on the host). */
  removeVm(hostId: HostId, vmId: string): void {
    const host = this.demo.host(hostId);
    this.demo.setVms(
      host,
      host.vms.filter((vm) => vm.id !== vmId),
    );
  }

  /** Attach every fake host to the host registry. */
  attach(hosts: HostRegistry): void {
    for (const { config } of this.hosts.values()) hosts.attach(config, (l) => this.link(config, l));
  }

  /** Bring a host up (waiting connections go through) or take it down (its connections drop). */
  setConnected(hostId: HostId, connected: boolean): void {
    const host = this.host(hostId);
    host.connected = connected;
    this.demo.setReachable(hostId, connected);
    if (connected) for (const open of [...host.waiting]) open();
  }

  private host(hostId: HostId): FakeHostState {
    const host = this.hosts.get(hostId);
    if (!host) throw new Error(`no fake host ${hostId}`);
    return host;
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
            resolve(this.demo.open(hostId));
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

  /** The demo driver, each operation recorded, delayed and failed on demand first. */
  private driver(hostId: HostId): HypervisorDriver {
    const demo = createDemoDriver(this.demo, hostId);
    let listed = 0;
    const name = (vmId: VmId): string => this.vm(hostId, vmId)?.name ?? '';
    return {
      ...demo,
      listVms: () => {
        listed += 1;
        if (listed > 1 && this.failsListing.has(hostId)) {
          return Promise.reject(
            new AppError('command-failed', `Couldn't list the VMs of ${hostId}`, {
              detail: 'error: failed to connect to the hypervisor',
            }),
          );
        }
        return demo.listVms();
      },
      act: (vmId, action) =>
        this.track(
          { method: 'act', hostId, vmId, detail: action },
          `act:${action}`,
          name(vmId),
          () => demo.act(vmId, action),
        ),
      define: (xml) => {
        const vmName = /<name>([^<]+)<\/name>/.exec(xml)?.[1] ?? '';
        const uuid = (/<uuid>([^<]+)<\/uuid>/.exec(xml)?.[1] ?? 'no-uuid') as VmId;
        const call: FakeCall = { method: 'define', hostId, vmId: uuid, detail: vmName };
        return this.track(call, 'define', vmName, () => demo.define(xml));
      },
      undefine: (vmId) =>
        this.track({ method: 'undefine', hostId, vmId }, 'undefine', name(vmId), () =>
          demo.undefine(vmId),
        ),
      setMetadata: (vmId, tags) =>
        this.track({ method: 'setMetadata', hostId, vmId }, 'setMetadata', name(vmId), () =>
          demo.setMetadata(vmId, tags),
        ),
      migrate: (vmId, target, options) => {
        const call: FakeCall = {
          method: 'migrate',
          hostId,
          vmId,
          detail: target.hostId,
          live: options.live,
        };
        return this.track(call, 'migrate', name(vmId), () => {
          // The demo's transfer at the test's pace: `migrationTicks` progress reports.
          const pace = {
            msPerMiB: 0,
            minMs: this.migrationTicks * this.opDelayMs,
            tickMs: this.opDelayMs,
          };
          this.demo.options.migration = pace;
          return demo.migrate(vmId, target, options);
        });
      },
    };
  }

  private async track<T>(
    call: FakeCall,
    key: string,
    vmName: string,
    run: () => Promise<T>,
  ): Promise<T> {
    this.calls.push(call);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      await this.before?.(call);
      await sleep(this.opDelayMs);
      const failure =
        this.failures.get(`${key}:${vmName}`) ??
        (call.method === 'act' ? undefined : this.failures.get(`${call.method}:${vmName}`));
      if (failure) {
        this.failures.delete(`${key}:${vmName}`);
        this.failures.delete(`${call.method}:${vmName}`);
        throw failure;
      }
      return await run();
    } finally {
      this.active--;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
