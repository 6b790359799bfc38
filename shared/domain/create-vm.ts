import { z } from 'zod';
import { HostId, VmId } from './ids';

/**
 * A VM name as libvirt takes it: one line, no "/" (libvirt refuses it: the name becomes a file
 * name), not blank, no space at either end (virsh and the XML readers do not keep them). Quotes,
 * spaces inside, "$(…)", ";" are fine: a name never reaches a shell, and the XML is built by an
 * XML writer. At most 80 characters, so "<name>.qcow2" stays a valid file name in any pool.
 */
export const VM_NAME_MAX = 80;

/** Why libvirt (or a pool) would refuse this VM name, in words; undefined when it is fine. */
export function vmNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'A VM needs a name';
  if (name.trim() !== name) return 'A VM name cannot start or end with a space';
  if ([...name].length > VM_NAME_MAX) return `A VM name is at most ${VM_NAME_MAX} characters`;
  // "<name>.qcow2" must fit a file name (255 bytes) in any pool, whatever the script.
  if (utf8Bytes(name) > 240) return 'A VM name is at most 240 bytes long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    return 'A VM name is one line, without control characters';
  if (name.includes('/')) return 'A VM name cannot hold "/" (libvirt makes file names of it)';
  // libvirt reads a name of digits alone as a running domain's id in every virsh command.
  if (/^\d+$/.test(name)) return 'A VM name cannot be digits only (virsh would read it as an id)';
  return undefined;
}

/** Bytes of the text in UTF-8 (shared code has neither TextEncoder nor Buffer). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const VmName = z.string().superRefine((name, ctx) => {
  const problem = vmNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A pool or volume name as the wizard passes it on: data, never parsed, bounded. */
const StorageName = z.string().min(1).max(255);

const MiB = 1024 * 1024;
/** The largest new disk the wizard makes: 64 TiB. */
export const MAX_NEW_DISK_MIB = 64 * 1024 * 1024;

/** The VM's disk: a new qcow2 volume in a pool, a volume that exists, or none. */
export const NewVmDisk = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('new'),
    pool: StorageName,
    sizeMiB: z.number().int().min(1).max(MAX_NEW_DISK_MIB),
  }),
  z.object({ kind: z.literal('existing'), pool: StorageName, volume: StorageName }),
  z.object({ kind: z.literal('none') }),
]);
export type NewVmDisk = z.infer<typeof NewVmDisk>;

/** A network of the host, QEMU's user-mode networking (no host set-up needed), or no NIC. */
export const NewVmNetwork = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network'), name: StorageName }),
  z.object({ kind: z.literal('user') }),
  z.object({ kind: z.literal('none') }),
]);
export type NewVmNetwork = z.infer<typeof NewVmNetwork>;

/** Largest template XML the wizard takes (a real domain XML is a few KiB). */
export const MAX_TEMPLATE_XML = 64 * 1024;

/** The New VM wizard's answer: what to create, and on which host (none: the engine chooses). */
export const CreateVmRequest = z.object({
  name: VmName,
  vcpus: z.number().int().min(1).max(256),
  memoryMiB: z
    .number()
    .int()
    .min(32)
    .max(16 * 1024 * 1024),
  disk: NewVmDisk,
  network: NewVmNetwork,
  /** Boot media: an ISO volume of a pool, attached as a CD-ROM the VM boots from first. */
  iso: z.object({ pool: StorageName, volume: StorageName }).optional(),
  /** Advanced: a domain XML the VM is made from (its name, UUID, size and our devices set on it). */
  templateXml: z.string().max(MAX_TEMPLATE_XML).optional(),
  /** The host the admin picked; absent, the placement engine chooses. */
  hostId: HostId.optional(),
  /** Start it once defined (default yes). */
  start: z.boolean().optional(),
});
export type CreateVmRequest = z.infer<typeof CreateVmRequest>;

/** Clone a shut-off VM on its host (virt-clone: new UUID, new MACs, each disk copied in its pool). */
export const CloneVmRequest = z.object({ hostId: HostId, vmId: VmId, name: VmName });
export type CloneVmRequest = z.infer<typeof CloneVmRequest>;

/** What the wizard offers for a host, or for the fleet when the engine chooses. */
export const CreateChoicesRequest = z.object({ hostId: HostId.optional() });
export type CreateChoicesRequest = z.infer<typeof CreateChoicesRequest>;

/** Volumes listed per pool at most. */
export const MAX_POOL_VOLUMES = 1000;

export const PoolVolume = z.object({
  pool: z.string().max(1024),
  name: z.string().max(1024),
  /** Where it is on the host (a file, a device). */
  path: z.string().max(4096).optional(),
});
export type PoolVolume = z.infer<typeof PoolVolume>;

export const CreateChoices = z.object({
  /** Hosts whose pools and networks were read (connected, at most MAX_CHOICE_HOSTS). */
  hostsRead: z.number().int().nonnegative(),
  /** Active pools by name, with the most free space any one host has in it. */
  pools: z
    .array(
      z.object({
        name: z.string().max(1024),
        hosts: z.number().int().nonnegative(),
        mostAvailableBytes: z.number().nonnegative().optional(),
      }),
    )
    .max(1000),
  /** Active networks by name. */
  networks: z.array(z.object({ name: z.string().max(1024), hosts: z.number().int() })).max(1000),
  /** Volumes of the pools (of the one host asked about; none when the engine chooses). */
  volumes: z.array(PoolVolume).max(MAX_POOL_VOLUMES * 4),
  /** What could not be read, in words (a host's pools, a pool's volumes). */
  problems: z.array(z.string().max(2000)).max(100),
});
export type CreateChoices = z.infer<typeof CreateChoices>;

/** Hosts the wizard reads pools and networks of when the engine chooses (the rest are not asked). */
export const MAX_CHOICE_HOSTS = 24;

/** A volume step: which pool and volume, its size and format for a new one, its source for a copy. */
export const VolumeStepData = z.object({
  pool: StorageName,
  name: StorageName,
  capacityBytes: z
    .number()
    .int()
    .positive()
    .max(MAX_NEW_DISK_MIB * MiB)
    .optional(),
  format: z.enum(['qcow2', 'raw']).optional(),
  /** volume-clone: the volume copied. */
  source: StorageName.optional(),
});
export type VolumeStepData = z.infer<typeof VolumeStepData>;

/** Is this volume a CD/DVD image, by its name (what the wizard offers as boot media)? */
export function isIsoVolume(name: string): boolean {
  return /\.iso$/i.test(name);
}
