import type { VmId } from '../../shared/domain/ids';
import type { RemoteShell } from '../core/ssh/remote-shell';
import { xmlEscape, type LabHost } from './lab-hosts';

/** A guest of the snapshot lab test: made over the lab host's own SSH, removed by `remove`. */
export interface SnapshotGuest {
  uuid: VmId;
  name: string;
  disk: string;
  remove(): Promise<void>;
}

/**
 * A small guest with one disk of `format` (qcow2 or raw), created as the lab user over `shell`
 * (qemu-img create, then virsh define of an XML file written on the host), so the test needs no
 * guest of lab.sh. The name and the disk path carry quotes, spaces and $(…): they must stay data.
 * No OS boots from the empty disk: the guest sits in its firmware, which is all a snapshot needs.
 */
export async function createSnapshotGuest(
  shell: RemoteShell,
  host: LabHost,
  format: 'qcow2' | 'raw',
): Promise<SnapshotGuest> {
  const tag = `${format} ${process.pid}`;
  const name = `snap "guest" it's $(id) ${tag}`;
  const disk = `${host.home}/snap 'disk' $(id) ${tag}.${format}`;
  const xmlFile = `${host.home}/snap-guest-${process.pid}-${format}.xml`;
  const sh = async (argv: string[], stdin?: string): Promise<string> => {
    const result = await shell.exec(argv, {
      timeoutMs: 60_000,
      ...(stdin === undefined ? {} : { stdin }),
    });
    if (result.code !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const virsh = (...args: string[]) => sh(['virsh', '-c', host.uri, ...args]);
  await sh(['qemu-img', 'create', '-q', '-f', format, disk, '8M']);
  await sh(['sh', '-c', 'cat > "$1"', 'sh', xmlFile], guestXml(name, disk, format));
  await virsh('define', xmlFile);
  await sh(['rm', '-f', xmlFile]);
  const uuid = (await virsh('domuuid', name)).trim() as VmId;
  return {
    uuid,
    name,
    disk,
    async remove() {
      await virsh('destroy', uuid).catch(() => undefined);
      // Internal snapshots live in the qcow2 file, their metadata in libvirt: both go.
      await virsh('undefine', uuid, '--snapshots-metadata').catch(() => undefined);
      await sh(['rm', '-f', disk]).catch(() => undefined);
    },
  };
}

function guestXml(name: string, disk: string, format: string): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <metadata><lab:guest xmlns:lab='urn:federator:lab'/></metadata>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='${format}'/>
      <source file='${xmlEscape(disk)}'/><target dev='vda' bus='virtio'/></disk>
    <memballoon model='none'/></devices>
</domain>`;
}
