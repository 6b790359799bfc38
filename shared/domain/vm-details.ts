import { z } from 'zod';
import { HostId, VmId } from './ids';

/** The largest domain XML the details carry whole; past it the text is cut and says so. */
export const MAX_DETAILS_XML_CHARS = 256 * 1024;
/** Devices of one VM the details list at most: far past any real domain, bounded all the same. */
const MAX_DEVICES = 256;

/** Byte counts as libvirt reports them (domblkinfo): a disk of up to 2^53 bytes is exact. */
const Bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** One disk of a VM: from the domain XML, with the sizes `virsh domblkinfo --all` reports. */
export const VmDisk = z.object({
  /** The guest's device name (vda, sda, hdc …): how libvirt addresses the disk. */
  target: z.string().max(64),
  /** disk, cdrom, floppy or lun. */
  device: z.string().max(32),
  /** virtio, sata, scsi, ide, usb …; absent when the XML does not say. */
  bus: z.string().max(32).optional(),
  /** The image format (`<driver type>`): qcow2, raw …; absent when the XML does not say. */
  format: z.string().max(32).optional(),
  /** What backs it: a file or block device path, a pool's volume, a network disk, or nothing. */
  sourceKind: z.enum(['file', 'block', 'volume', 'network', 'none']),
  /** The path, `pool/volume`, or `protocol:name` of a network disk; absent for an empty drive. */
  source: z.string().max(4096).optional(),
  /** A pool volume's pool and volume name (sourceKind 'volume'), exact, as the XML names them. */
  pool: z.string().max(1024).optional(),
  volume: z.string().max(1024).optional(),
  /** The file or device that pool volume is on its host, as the pool resolves it. */
  volumePath: z.string().max(4096).optional(),
  /** Why the pool volume could not be looked up (the pool inactive, the volume gone …). */
  volumeError: z.string().max(2000).optional(),
  readOnly: z.boolean(),
  capacityBytes: Bytes.optional(),
  allocationBytes: Bytes.optional(),
  physicalBytes: Bytes.optional(),
});
export type VmDisk = z.infer<typeof VmDisk>;

export const IpAddress = z.object({
  protocol: z.enum(['ipv4', 'ipv6']),
  address: z.string().max(64),
  prefix: z.number().int().min(0).max(128).optional(),
});
export type IpAddress = z.infer<typeof IpAddress>;

/** One network interface of a VM: from the domain XML, its addresses from `virsh domifaddr`. */
export const VmNic = z.object({
  mac: z.string().max(32),
  /** network, bridge, direct, user …: libvirt's interface type. */
  type: z.string().max(32),
  /** The network or bridge (or host device) it is attached to; absent for user-mode networking. */
  source: z.string().max(256).optional(),
  model: z.string().max(64).optional(),
  /** The host-side device while the VM runs (vnet0 …). */
  hostDevice: z.string().max(64).optional(),
  addresses: z.array(IpAddress).max(64),
});
export type VmNic = z.infer<typeof VmNic>;

/** Where `virsh domifaddr` looked for addresses: libvirt's DHCP leases, the guest agent, ARP. */
export const AddressSource = z.enum(['lease', 'agent', 'arp']);
export type AddressSource = z.infer<typeof AddressSource>;

/** One source asked for addresses, and what it said. */
export const AddressAttempt = z.object({
  source: AddressSource,
  /** How many addresses it gave; 0 with no error: it answered, knowing none. */
  found: z.number().int().nonnegative(),
  /** libvirt's reason when the source could not be asked (no agent, no leases …). */
  error: z.string().max(2000).optional(),
});
export type AddressAttempt = z.infer<typeof AddressAttempt>;

/**
 * What is known of the VM's addresses: the source whose answer is shown, every source asked, or
 * why none was asked (the VM does not run).
 */
export const AddressReport = z.object({
  answeredBy: AddressSource.optional(),
  tried: z.array(AddressAttempt).max(3),
  notRunning: z.boolean(),
});
export type AddressReport = z.infer<typeof AddressReport>;

/** How long the VM has run, or why that is not known. */
export const Uptime = z.discriminatedUnion('known', [
  z.object({ known: z.literal(true), seconds: z.number().int().nonnegative() }),
  z.object({
    known: z.literal(false),
    why: z.enum(['not-running', 'no-process', 'unreadable']),
    detail: z.string().max(2000).optional(),
  }),
]);
export type Uptime = z.infer<typeof Uptime>;

/** Everything the details panel shows of one VM beyond what the fleet carries, read on demand. */
export const VmFullDetails = z.object({
  vmId: VmId,
  hostId: HostId,
  /** When the host answered (ms since the epoch), so the panel can say how fresh it is. */
  readAt: z.number().int().nonnegative(),
  disks: z.array(VmDisk).max(MAX_DEVICES),
  /** Why the sizes are missing, when `domblkinfo` failed (the disks are still listed). */
  diskSizesError: z.string().max(2000).optional(),
  nics: z.array(VmNic).max(MAX_DEVICES),
  addresses: AddressReport,
  /** The libosinfo id the domain's metadata names (http://debian.org/debian/12 …). */
  osId: z.string().max(512).optional(),
  uptime: Uptime,
  autostart: z.boolean(),
  persistent: z.boolean(),
  /** Whether a serial or console device exists: without one there is no serial console. */
  hasSerial: z.boolean(),
  xml: z.string().max(MAX_DETAILS_XML_CHARS),
  /** The XML was longer than MAX_DETAILS_XML_CHARS: `xml` is its beginning. */
  xmlTruncated: z.boolean(),
});
export type VmFullDetails = z.infer<typeof VmFullDetails>;
