import type { HostConfig, HostFacts } from '../../../../shared/domain/host';
import { HostId, VmId } from '../../../../shared/domain/ids';
import type { Vm, VmState } from '../../../../shared/domain/vm';
import {
  CPU_MODELS,
  DEMO_PROBLEM,
  MEMORY_SIZES,
  OPERATING_SYSTEMS,
  VM_ROLES,
} from './demo-catalog';
import { seededRandom, type Random } from './seeded-random';

/** One simulated host: what the admin would have configured, what it reports, and its VMs. */
export interface DemoHostSpec {
  config: HostConfig;
  facts: HostFacts;
  vms: Vm[];
}

export interface DemoFleetOptions {
  hosts: number;
  vmsPerHost: number;
  seed: number;
}

/** The fleet a new user sees: 4 hosts in 2 zones, a dozen VMs, one host with a hypervisor problem. */
export const DEFAULT_DEMO_FLEET: DemoFleetOptions = { hosts: 4, vmsPerHost: 3, seed: 42 };

export const DEMO_ID_PREFIX = 'demo-';
const HOSTS_PER_ZONE = 50;
const HOSTS_PER_RACK = 10;

/**
 * A simulated estate, deterministic by seed, from 1 host to thousands (for benchmarks). Host ids and
 * names start with `demo-` and addresses end in `.demo.invalid`, so nothing here can pass for real.
 * Every 25th host (the 4th of the default fleet) has its hypervisor not answering, so health shows.
 */
export function createDemoFleet(options: DemoFleetOptions): DemoHostSpec[] {
  const random = seededRandom(options.seed);
  const zones = Math.max(2, Math.ceil(options.hosts / HOSTS_PER_ZONE));
  const width = Math.max(2, String(options.hosts).length);
  const roleCount = new Map<string, number>();
  const specs: DemoHostSpec[] = [];
  let vmIndex = 0;
  for (let index = 0; index < options.hosts; index++) {
    const number = String(index + 1).padStart(width, '0');
    const name = `${DEMO_ID_PREFIX}hv${number}`;
    const id = HostId.parse(name);
    const zone = zoneName(index % zones);
    const problem = index % 25 === 3;
    const vms: Vm[] = [];
    for (let v = 0; v < options.vmsPerHost; v++, vmIndex++) {
      const role = random.pick(VM_ROLES);
      const n = (roleCount.get(role.role) ?? 0) + 1;
      roleCount.set(role.role, n);
      vms.push({
        id: VmId.parse(random.uuid()),
        hostId: id,
        name: `${role.role}-${n}`,
        state: problem ? 'unknown' : vmState(vmIndex, random),
        vcpus: role.vcpus,
        memoryMiB: role.memoryMiB,
        persistent: true,
      });
    }
    const config: HostConfig = {
      id,
      name,
      address: `hv${number}.demo.invalid`,
      port: 22,
      user: 'demo',
      uri: 'demo:///simulated',
      labels: {
        zone,
        rack: `r${Math.floor(index / (zones * HOSTS_PER_RACK)) + 1}`,
        disk: random.next() < 0.7 ? 'ssd' : 'hdd',
      },
      driver: 'demo',
      // A simulated BMC (DemoMode.power): fencing and the automatic recovery can be seen in the demo.
      power: {
        kind: 'ipmi',
        address: `bmc.hv${number}.demo.invalid`,
        port: 623,
        user: 'demo',
        route: { kind: 'console' },
        passwordSet: true,
      },
    };
    specs.push({ config, facts: hostFacts(name, config.uri, vms, problem, random), vms });
  }
  return specs;
}

function zoneName(index: number): string {
  return index < 26 ? `zone-${String.fromCharCode(97 + index)}` : `zone-${index + 1}`;
}

function vmState(index: number, random: Random): VmState {
  if (index === 5) return 'crashed'; // one VM in trouble, whatever the seed
  if (index === 2 || index === 9) return 'shutoff';
  const roll = random.next();
  return roll < 0.8 ? 'running' : roll < 0.93 ? 'shutoff' : 'paused';
}

function hostFacts(
  name: string,
  uri: string,
  vms: Vm[],
  problem: boolean,
  random: Random,
): HostFacts {
  const cpu = random.pick(CPU_MODELS);
  const os = random.pick(OPERATING_SYSTEMS);
  const needed = vms.reduce((sum, vm) => sum + vm.memoryMiB, 0) * 1.25;
  const memoryMiB =
    MEMORY_SIZES.find((size) => size >= needed && random.next() < 0.7) ??
    Math.max(MEMORY_SIZES[MEMORY_SIZES.length - 1] ?? 0, Math.ceil(needed / 65536) * 65536);
  const busy = vms.reduce((sum, vm) => sum + (vm.state === 'running' ? vm.vcpus : 0), 0) * 0.3;
  const load = Math.round((busy + random.next()) * 100) / 100;
  return {
    hostname: name,
    os: {
      name: os.name,
      kernel: os.kernel,
      uptimeSeconds: random.int(3, 180) * 86400,
      load: [load, round2(load * 0.9), round2(load * 0.8)],
    },
    cpu: { cores: cpu.cores, model: cpu.model },
    memoryMiB,
    virtualLayer: {
      status: problem ? 'not-answering' : 'ok',
      kind: 'kvm',
      hypervisorVersion: 'QEMU 9.2.0',
      libvirtVersion: '11.3.0',
      uri,
      liveMigration: !problem,
      ...(problem ? { problem: DEMO_PROBLEM } : {}),
    },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
