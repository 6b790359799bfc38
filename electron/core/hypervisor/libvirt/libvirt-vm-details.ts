import type { VmId } from '../../../../shared/domain/ids';
import {
  MAX_DETAILS_XML_CHARS,
  type AddressAttempt,
  type AddressReport,
  type AddressSource,
  type Uptime,
  type VmFullDetails,
  type VmNic,
} from '../../../../shared/domain/vm-details';
import { AppError } from '../../../../shared/errors';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import { run, virsh, type DriverContext } from './driver-context';
import { isUuid, parseUuidList } from './parse-domain-list';
import { parseDomainDevices, type DomainDevices } from './parse-vm-devices';
import {
  parseBlockInfo,
  parseInterfaceAddresses,
  parseProcessAge,
  type DiskSizes,
  type InterfaceAddress,
} from './parse-vm-tables';
import { libvirtReason, virshBatch, virshErrors } from './virsh-batch';
import { withVolumes } from './volume-disks';
import { parsedOnHost } from './parse-error';

/** A domain XML is tens of KiB; 8 MiB is a broken host. */
const DETAILS_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * The age of the VM's QEMU process: found by the `-uuid` argument libvirt gives it (the UUID is
 * checked before it gets here, and the script is fixed: the UUID arrives as "$1").
 */
const PROCESS_AGE = 'p=$(pgrep -d, -f -- "-uuid $1") || exit 3; exec ps -o etimes=,comm= -p "$p"';

/**
 * Everything the details panel shows beyond the fleet's figures, read when a VM is opened: one
 * virsh batch (XML, running or not, autostart, persistence, disk sizes), then, for a running VM,
 * its addresses and its QEMU's age. Addressed by UUID only: names never reach a command line.
 */
export async function readVmDetails(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
): Promise<VmFullDetails> {
  const what = `read the details of VM '${name ?? vmId}'`;
  if (!isUuid(vmId)) {
    throw new AppError(
      'invalid-request',
      `Couldn't ${what} on ${ctx.hostName}: '${vmId}' is not a libvirt UUID`,
      { hostId: ctx.hostId },
    );
  }
  const commands = [
    `dumpxml ${vmId}`,
    `domid ${vmId}`,
    'list --all --uuid --autostart',
    'list --all --uuid --persistent',
    `domblkinfo ${vmId} --all`,
  ];
  const batch = virshBatch(commands, `virsh dumpxml ${vmId}; …`);
  const result = await run(ctx, virsh(ctx, batch.script), ctx.timeouts.queryMs, what, {
    maxOutputBytes: DETAILS_OUTPUT_BYTES,
  });
  const failure = (why: string, code: 'not-found' | 'command-failed' = 'command-failed') =>
    new AppError(code, `Couldn't ${what} on ${ctx.hostName}: ${why}`, {
      hostId: ctx.hostId,
      detail: result.stderr.trim(),
    });
  const [xml = '', domid = '', autostartOut = '', persistentOut = '', blockOut = ''] = withHostName(
    () => batch.split(result.stdout),
    ctx,
    what,
  );
  if (xml.trim() === '') {
    const reason = libvirtReason(result.stderr);
    throw failure(
      reason,
      /failed to get domain|Domain not found/i.test(reason) ? 'not-found' : 'command-failed',
    );
  }
  const devices = withHostName(() => parseDomainDevices(xml), ctx, what);
  const autostart = withHostName(
    () => parseUuidList(autostartOut, 'virsh list --autostart'),
    ctx,
    what,
  );
  const persistent = withHostName(
    () => parseUuidList(persistentOut, 'virsh list --persistent'),
    ctx,
    what,
  );
  const running = /^\d+$/.test(domid.trim());
  // domblkinfo is last in the batch: an error with its section empty is its own.
  const blockErrors = blockOut.trim() === '' ? virshErrors(result.stderr) : [];
  const sizes =
    blockErrors.length > 0
      ? new Map<string, DiskSizes>()
      : withHostName(() => parseBlockInfo(blockOut), ctx, what);
  const idle: AddressRead = { report: { tried: [], notRunning: true }, found: [] };
  const [addresses, uptime, disks] = await Promise.all([
    running ? readAddresses(ctx, vmId, devices) : idle,
    running ? readUptime(ctx, vmId) : notRunning(),
    withVolumes(
      ctx,
      devices.disks.map((disk) => ({ ...disk, ...sizes.get(disk.target) })),
    ),
  ]);
  // domblkinfo fails for the whole domain; the volumes' own sizes may have filled every gap.
  const unsized = disks.some(
    (disk) => disk.sourceKind !== 'none' && disk.capacityBytes === undefined,
  );
  return {
    vmId,
    hostId: ctx.hostId,
    readAt: Date.now(),
    disks,
    ...(blockErrors.length > 0 && unsized
      ? { diskSizesError: blockErrors.join('; ').slice(0, 2000) }
      : {}),
    nics: withAddresses(devices.nics, addresses.found),
    addresses: addresses.report,
    ...(devices.osId === undefined ? {} : { osId: devices.osId }),
    uptime,
    autostart: autostart.has(vmId),
    persistent: persistent.has(vmId),
    hasSerial: devices.hasSerial,
    xml: xml.slice(0, MAX_DETAILS_XML_CHARS),
    xmlTruncated: xml.length > MAX_DETAILS_XML_CHARS,
  };
}

/** Turn on or off starting the VM with its host's libvirt (`virsh autostart [--disable]`). */
export async function setAutostart(
  ctx: DriverContext,
  vmId: VmId,
  enabled: boolean,
  name: string | undefined,
): Promise<void> {
  const what = `${enabled ? 'turn on' : 'turn off'} autostart of VM '${name ?? vmId}'`;
  if (!isUuid(vmId)) {
    throw new AppError(
      'invalid-request',
      `Couldn't ${what} on ${ctx.hostName}: '${vmId}' is not a libvirt UUID`,
      { hostId: ctx.hostId },
    );
  }
  const argv = virsh(ctx, 'autostart', ...(enabled ? [] : ['--disable']), vmId);
  const result = await run(ctx, argv, ctx.timeouts.actionMs, what, {
    maxOutputBytes: SMALL_OUTPUT_BYTES,
  });
  if (result.code === 0) return;
  throw new AppError(
    'command-failed',
    `Couldn't ${what} on ${ctx.hostName}: ${libvirtReason(result.stderr)}`,
    {
      hostId: ctx.hostId,
      detail: result.stderr.trim(),
    },
  );
}

interface AddressRead {
  report: AddressReport;
  found: InterfaceAddress[];
}

/**
 * Ask libvirt's DHCP leases first, then the guest agent (only when the VM has its channel), then
 * the host's ARP table; the first source that knows an address answers. Each source's failure is
 * kept in words (a network without libvirt's DHCP has no leases, a guest without an agent …).
 */
async function readAddresses(
  ctx: DriverContext,
  vmId: VmId,
  devices: DomainDevices,
): Promise<AddressRead> {
  const sources: AddressSource[] = devices.hasAgentChannel
    ? ['lease', 'agent', 'arp']
    : ['lease', 'arp'];
  const tried: AddressAttempt[] = [];
  if (devices.nics.length === 0) return { report: { tried, notRunning: false }, found: [] };
  for (const source of sources) {
    const result = await run(
      ctx,
      virsh(ctx, 'domifaddr', vmId, '--full', '--source', source),
      ctx.timeouts.queryMs,
      `read the addresses of VM ${vmId}`,
      { maxOutputBytes: SMALL_OUTPUT_BYTES },
    );
    if (result.code !== 0) {
      tried.push({ source, found: 0, error: libvirtReason(result.stderr).slice(0, 2000) });
      continue;
    }
    const macs = new Set(devices.nics.map((nic) => nic.mac));
    // The agent also reports the guest's loopback: only the VM's own NICs count.
    const found = withHostName(
      () => parseInterfaceAddresses(result.stdout),
      ctx,
      'read addresses',
    ).filter((a) => macs.has(a.mac));
    tried.push({ source, found: found.length });
    if (found.length > 0)
      return { report: { answeredBy: source, tried, notRunning: false }, found };
  }
  return { report: { tried, notRunning: false }, found: [] };
}

async function readUptime(ctx: DriverContext, vmId: VmId): Promise<Uptime> {
  const result = await ctx.shell
    .exec(['sh', '-c', PROCESS_AGE, 'sh', vmId], {
      timeoutMs: ctx.timeouts.queryMs,
      maxOutputBytes: SMALL_OUTPUT_BYTES,
    })
    .catch((thrown: unknown) => AppError.from(thrown));
  if (result instanceof AppError)
    return { known: false, why: 'unreadable', detail: result.message };
  if (result.code === 3) return { known: false, why: 'no-process' };
  if (result.code !== 0) {
    return {
      known: false,
      why: 'unreadable',
      detail: (result.stderr.trim() || `exit code ${String(result.code)}`).slice(0, 2000),
    };
  }
  try {
    const seconds = parseProcessAge(result.stdout);
    return seconds === undefined ? { known: false, why: 'no-process' } : { known: true, seconds };
  } catch (thrown) {
    return {
      known: false,
      why: 'unreadable',
      detail: AppError.from(thrown).message.slice(0, 2000),
    };
  }
}

function notRunning(): Uptime {
  return { known: false, why: 'not-running' };
}

function withAddresses(nics: DomainDevices['nics'], found: readonly InterfaceAddress[]): VmNic[] {
  return nics.map((nic) => ({
    ...nic,
    addresses: found
      .filter((address) => address.mac === nic.mac)
      .map(({ protocol, address, prefix }) => ({
        protocol,
        address,
        ...(prefix === undefined ? {} : { prefix }),
      }))
      .slice(0, 64),
  }));
}

/** A parse error of a host's output, said with the action and the host. */
function withHostName<T>(parse: () => T, ctx: DriverContext, what: string): T {
  return parsedOnHost(ctx, `${what} on`, parse);
}
