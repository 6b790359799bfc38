import type { HostId, VmId } from '../../../../shared/domain/ids';
import { isActive, type Vm } from '../../../../shared/domain/vm';
import type { VmFullDetails } from '../../../../shared/domain/vm-details';
import { AppError } from '../../../../shared/errors';
import { parseDomainDevices } from '../libvirt/parse-vm-devices';
import { xmlEscape } from '../libvirt/xml';
import type { DemoWorld } from './demo-world';

const GiB = 1024 ** 3;

/**
 * A simulated VM's details: its XML is written as libvirt would (one qcow2 disk, one NIC on the
 * default network, a serial console), then read by the real parser, so the demo shows what a real
 * host's answer looks like.
 */
export function demoVmDetails(world: DemoWorld, hostId: HostId, vmId: VmId): VmFullDetails {
  const vm = findVm(world, hostId, vmId);
  const seed = Number.parseInt(vm.id.replace(/-/g, '').slice(0, 8), 16) || 1;
  const mac = `52:54:00:${[seed >>> 16, seed >>> 8, seed].map((b) => (b & 0xff).toString(16).padStart(2, '0')).join(':')}`;
  const xml = demoXml(vm, mac);
  const devices = parseDomainDevices(xml, 'the demo domain XML');
  const running = isActive(vm.state);
  const { capacity, allocation } = demoDiskOf(vm);
  return {
    vmId,
    hostId,
    readAt: Date.now(),
    disks: devices.disks.map((disk) => ({
      ...disk,
      ...(disk.device === 'disk'
        ? { capacityBytes: capacity, allocationBytes: allocation, physicalBytes: allocation }
        : {}),
    })),
    nics: devices.nics.map((nic) => ({
      ...nic,
      addresses: running
        ? [{ protocol: 'ipv4' as const, address: `192.168.122.${(seed % 200) + 20}`, prefix: 24 }]
        : [],
    })),
    addresses: running
      ? { answeredBy: 'lease', tried: [{ source: 'lease', found: 1 }], notRunning: false }
      : { tried: [], notRunning: true },
    ...(devices.osId === undefined ? {} : { osId: devices.osId }),
    uptime: running
      ? { known: true, seconds: 3600 + (seed % 86_400) * 7 }
      : { known: false, why: 'not-running' },
    autostart: world.autostart.has(vmId),
    persistent: vm.persistent,
    hasSerial: devices.hasSerial,
    xml,
    xmlTruncated: false,
  };
}

/** The size of a demo VM's disk and how much of it is written, from its UUID (stable per VM). */
export function demoDiskOf(vm: Vm): { capacity: number; allocation: number } {
  const seed = Number.parseInt(vm.id.replace(/-/g, '').slice(0, 8), 16) || 1;
  const capacity = (8 + (seed % 5) * 8) * GiB;
  return { capacity, allocation: Math.round(capacity * (0.15 + (seed % 7) / 10)) };
}

/** Where a demo VM's disk is: the file its XML names, in the demo's `default` pool. */
export const DEMO_IMAGES = '/var/lib/libvirt/images';

/**
 * A demo VM as listed, with its one local disk (the details' vda), so that a move copies it and
 * the review says so, as on a real host without shared storage.
 */
export function withDemoDisk(vm: Vm): Vm {
  return {
    ...vm,
    disks: [
      {
        target: 'vda',
        kind: 'file',
        path: `${DEMO_IMAGES}/${vm.name}.qcow2`,
        format: 'qcow2',
        capacityBytes: demoDiskOf(vm).capacity,
      },
    ],
  };
}

export function setDemoAutostart(world: DemoWorld, hostId: HostId, vmId: VmId, on: boolean): void {
  const vm = findVm(world, hostId, vmId);
  const what = `Couldn't turn ${on ? 'on' : 'off'} autostart of VM '${vm.name}' on ${world.host(hostId).config.name}`;
  if (!vm.persistent) {
    throw new AppError('command-failed', `${what}: cannot set autostart for transient domain`, {
      hostId,
      detail: 'error: Requested operation is not valid: cannot set autostart for transient domain',
    });
  }
  if (on) world.autostart.add(vmId);
  else world.autostart.delete(vmId);
}

function findVm(world: DemoWorld, hostId: HostId, vmId: VmId): Vm {
  const vm = world.host(hostId).vms.find((candidate) => candidate.id === vmId);
  if (!vm) {
    const host = world.host(hostId).config.name;
    throw new AppError('not-found', `Couldn't find VM ${vmId} on ${host}: no such VM`, { hostId });
  }
  return vm;
}

function demoXml(vm: Vm, mac: string): string {
  const name = xmlEscape(vm.name);
  return `<domain type='kvm'>
  <name>${name}</name>
  <uuid>${vm.id}</uuid>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://debian.org/debian/12"/>
    </libosinfo:libosinfo>
  </metadata>
  <memory unit='KiB'>${Math.round(vm.memoryMiB * 1024)}</memory>
  <vcpu placement='static'>${vm.vcpus}</vcpu>
  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><boot dev='hd'/></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/${name}.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'>
      <mac address='${mac}'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>
`;
}
