import {
  MAX_HOST_STORAGE_ITEMS,
  type HostNetwork,
  type HostStorage,
  type StoragePool,
} from '../../../../shared/domain/host-storage';
import { AppError } from '../../../../shared/errors';
import { run, virsh, type DriverContext } from './driver-context';
import { parseUuidList } from './parse-domain-list';
import { parseNetworkXml, parsePoolXml } from './parse-storage';
import { parsedOnHost } from './parse-error';
import { libvirtReason, virshBatch, virshErrors } from './virsh-batch';

/** A pool's or network's XML is a few KiB; 256 of each stays far below this. */
const STORAGE_OUTPUT_BYTES = 4 * 1024 * 1024;

const LISTS = [
  'pool-list --all --uuid',
  'pool-list --uuid',
  'pool-list --all --uuid --autostart',
  'net-list --all --uuid',
  'net-list --uuid',
  'net-list --all --uuid --autostart',
] as const;

/**
 * A host's storage pools and virtual networks: one virsh batch lists them by UUID (all, active,
 * autostart), a second reads each one's XML by UUID (sizes in bytes, path, bridge, address). Only
 * checked UUIDs reach the command line, so names stay data. A pool or network that vanished
 * between the two is left out; a host whose libvirt cannot list them is an error in words.
 */
export async function readHostStorage(ctx: DriverContext): Promise<HostStorage> {
  const what = 'read the storage pools and networks';
  const fail = (why: string, detail?: string) =>
    new AppError('command-failed', `Couldn't ${what} of ${ctx.hostName}: ${why}`, {
      hostId: ctx.hostId,
      ...(detail === undefined ? {} : { detail }),
    });
  const lists = virshBatch(LISTS, 'virsh pool-list --all --uuid; …');
  const listed = await run(ctx, virsh(ctx, lists.script), ctx.timeouts.queryMs, what, {
    maxOutputBytes: STORAGE_OUTPUT_BYTES,
  });
  const errors = virshErrors(listed.stderr);
  if (listed.code !== 0 || errors.length > 0) {
    throw fail(libvirtReason(listed.stderr), listed.stderr.trim() || undefined);
  }
  const sets = parsed(ctx, what, () =>
    lists.split(listed.stdout).map((out, i) => parseUuidList(out, `virsh ${LISTS[i] ?? ''}`)),
  );
  const [pools, activePools, autoPools, nets, activeNets, autoNets] = sets;
  if (!pools || !activePools || !autoPools || !nets || !activeNets || !autoNets) {
    throw fail('virsh gave fewer lists than asked for');
  }
  const poolIds = [...pools].slice(0, MAX_HOST_STORAGE_ITEMS);
  const netIds = [...nets].slice(0, MAX_HOST_STORAGE_ITEMS);
  const xmls = await readXmls(ctx, what, [
    ...poolIds.map((uuid) => `pool-dumpxml ${uuid}`),
    ...netIds.map((uuid) => `net-dumpxml ${uuid}`),
  ]);
  const poolXml = xmls.slice(0, poolIds.length);
  const netXml = xmls.slice(poolIds.length);
  return {
    hostId: ctx.hostId,
    readAt: Date.now(),
    pools: parsed(ctx, what, () =>
      poolXml
        .filter((xml) => xml.trim() !== '')
        .map((xml) => pool(xml, activePools, autoPools))
        .sort(byName),
    ),
    networks: parsed(ctx, what, () =>
      netXml
        .filter((xml) => xml.trim() !== '')
        .map((xml) => network(xml, activeNets, autoNets))
        .sort(byName),
    ),
  };
}

async function readXmls(ctx: DriverContext, what: string, commands: string[]): Promise<string[]> {
  if (commands.length === 0) return [];
  const batch = virshBatch(commands, 'virsh pool-dumpxml …; net-dumpxml …');
  const result = await run(ctx, virsh(ctx, batch.script), ctx.timeouts.queryMs, what, {
    maxOutputBytes: STORAGE_OUTPUT_BYTES,
  });
  return parsed(ctx, what, () => batch.split(result.stdout));
}

function pool(xml: string, active: Set<string>, autostart: Set<string>): StoragePool {
  const facts = parsePoolXml(xml);
  const on = active.has(facts.uuid);
  const { capacityBytes, allocationBytes, availableBytes, ...rest } = facts;
  return {
    ...rest,
    active: on,
    autostart: autostart.has(facts.uuid),
    // An inactive pool's XML says 0 for each: not known, rather than empty.
    ...(on ? definedSizes({ capacityBytes, allocationBytes, availableBytes }) : {}),
  };
}

function network(xml: string, active: Set<string>, autostart: Set<string>): HostNetwork {
  const facts = parseNetworkXml(xml);
  return { ...facts, active: active.has(facts.uuid), autostart: autostart.has(facts.uuid) };
}

function definedSizes(sizes: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sizes).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A parse error of the host's output, said with the action and the host. */
function parsed<T>(ctx: DriverContext, what: string, parse: () => T): T {
  return parsedOnHost(ctx, `${what} of`, parse);
}
