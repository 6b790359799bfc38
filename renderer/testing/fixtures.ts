import type { FleetSnapshot } from '../../shared/contract/requests';
import {
  HostId,
  VmId,
  type Host,
  type HostConfig,
  type HostFacts,
  type Vm,
} from '../../shared/domain';

/** Test data shaped like the core's, with only what each test cares about spelt out. */
export function makeHost(
  name: string,
  overrides: Partial<Omit<Host, 'config'>> & { config?: Partial<HostConfig> } = {},
): Host {
  const { config, ...rest } = overrides;
  return {
    config: {
      id: HostId.parse(name),
      name,
      address: `${name}.example.net`,
      port: 22,
      user: 'admin',
      uri: 'qemu:///system',
      labels: {},
      driver: 'libvirt',
      ...config,
    },
    state: 'connected',
    facts: { value: makeFacts(name), at: 0 },
    ...rest,
  };
}

export function makeFacts(hostname: string, overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    hostname,
    os: {
      name: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0-40-amd64',
      uptimeSeconds: 3600,
      load: [0.5, 0.4, 0.3],
    },
    cpu: { cores: 16, model: 'AMD EPYC 7313' },
    memoryMiB: 65536,
    virtualLayer: {
      status: 'ok',
      kind: 'qemu',
      hypervisorVersion: 'QEMU 7.2.0',
      libvirtVersion: '9.0.0',
      uri: 'qemu:///session',
      liveMigration: true,
    },
    ...overrides,
  };
}

let vmCounter = 0;
export function makeVm(hostId: string, name: string, overrides: Partial<Vm> = {}): Vm {
  vmCounter += 1;
  return {
    id: VmId.parse(`uuid-${vmCounter}`),
    hostId: HostId.parse(hostId),
    name,
    state: 'running',
    vcpus: 2,
    memoryMiB: 2048,
    persistent: true,
    ...overrides,
  };
}

export function makeFleet(hosts: Host[], vms: Vm[] = [], demo = false): FleetSnapshot {
  return { hosts, vms, demo };
}
