import type { VmId } from '../../../../shared/domain/ids';
import { MAX_SNAPSHOTS, type VmSnapshotList } from '../../../../shared/domain/snapshot';
import { AppError } from '../../../../shared/errors';
import {
  snapshotRefusalWords,
  type SnapshotRefusal,
} from '../../../../shared/words/snapshot-words';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import type { SnapshotSpec } from '../hypervisor-driver';
import { run, virsh, type DriverContext } from './driver-context';
import { isUuid } from './parse-domain-list';
import { parseSnapshotNames, parseSnapshotXml, virshQuote } from './parse-snapshots';
import { parseDomainDevices } from './parse-vm-devices';
import { libvirtReason, virshBatch, virshErrors } from './virsh-batch';

/** Each snapshot's XML carries the whole domain XML: 200 of them stay well under this. */
const SNAPSHOT_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * A VM's snapshots: their names (`snapshot-list --name`) and the current one (`snapshot-current
 * --name`) in one batch, then every snapshot's XML in a second. Names are read from the list, as
 * libvirt keeps them; the tree comes from each XML's <parent>, not from virsh's drawn `--tree`.
 */
export async function listSnapshots(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
): Promise<VmSnapshotList> {
  const what = `read the snapshots of VM '${name ?? vmId}'`;
  requireUuid(ctx, vmId, what);
  const first = virshBatch(
    [`snapshot-list ${vmId} --name`, `snapshot-current ${vmId} --name`],
    `virsh snapshot-list ${vmId} --name; …`,
  );
  const listed = await run(ctx, virsh(ctx, first.script), ctx.timeouts.queryMs, what, {
    maxOutputBytes: SNAPSHOT_OUTPUT_BYTES,
  });
  const [namesOut = '', currentOut = ''] = withHost(() => first.split(listed.stdout), ctx, what);
  const errors = virshErrors(listed.stderr).filter((e) => !/current snapshot/i.test(e));
  if (namesOut === '' && errors.length > 0) {
    throw refused(ctx, what, name ?? vmId, listed.stderr);
  }
  // A name with a line break cannot be told from two names: such a VM's list is cut there.
  const names = parseSnapshotNames(namesOut);
  const current = parseSnapshotNames(currentOut)[0];
  const shown = names.slice(0, MAX_SNAPSHOTS);
  const base = { vmId, hostId: ctx.hostId, truncated: names.length > shown.length };
  if (shown.length === 0) return { ...base, readAt: Date.now(), snapshots: [] };
  const second = virshBatch(
    shown.map((n) => `snapshot-dumpxml ${vmId} --snapshotname ${virshQuote(n)}`),
    `virsh snapshot-dumpxml ${vmId} …`,
  );
  const dumped = await run(ctx, virsh(ctx, second.script), ctx.timeouts.queryMs, what, {
    maxOutputBytes: SNAPSHOT_OUTPUT_BYTES,
  });
  const sections = withHost(() => second.split(dumped.stdout), ctx, what);
  const snapshots = shown.flatMap((listedName, i) => {
    const xml = sections[i] ?? '';
    // Deleted between the two reads: its section is empty and virsh said why on stderr.
    if (xml.trim() === '') return [];
    const facts = withHost(() => parseSnapshotXml(xml), ctx, what);
    return [{ ...facts, name: listedName, current: listedName === current }];
  });
  return { ...base, readAt: Date.now(), snapshots };
}

/**
 * `virsh snapshot-create-as`: internal (in the qcow2 images) for a shut-off VM or with memory;
 * `--disk-only --atomic` (external overlays) for a running VM without memory. Name and
 * description are separate arguments: quotes and spaces reach libvirt as typed.
 */
export async function createSnapshot(
  ctx: DriverContext,
  vmId: VmId,
  spec: SnapshotSpec,
  name: string | undefined,
): Promise<void> {
  const what = `take snapshot “${spec.name}” of VM '${name ?? vmId}'`;
  requireUuid(ctx, vmId, what);
  const argv = [
    'snapshot-create-as',
    '--domain',
    vmId,
    '--name',
    spec.name,
    ...(spec.description === undefined || spec.description === ''
      ? []
      : ['--description', spec.description]),
    ...(spec.diskOnly ? ['--disk-only', '--atomic'] : []),
  ];
  const result = await run(ctx, virsh(ctx, ...argv), ctx.timeouts.actionMs, what, {
    maxOutputBytes: SMALL_OUTPUT_BYTES,
  });
  if (result.code === 0) return;
  let refusal = classifySnapshotRefusal(libvirtReason(result.stderr), spec.name);
  if (refusal?.code === 'raw-disk')
    refusal = { ...refusal, ...(await diskPath(ctx, vmId, refusal.disk)) };
  throw refused(ctx, what, name ?? vmId, result.stderr, refusal);
}

/** `virsh snapshot-revert`: the VM's disks (and memory, if kept) as they were then. */
export async function revertSnapshot(
  ctx: DriverContext,
  vmId: VmId,
  snapshot: string,
  name: string | undefined,
): Promise<void> {
  const what = `revert VM '${name ?? vmId}' to snapshot “${snapshot}”`;
  await snapshotCommand(ctx, vmId, snapshot, name, what, 'revert', [
    'snapshot-revert',
    '--domain',
    vmId,
    '--snapshotname',
    snapshot,
  ]);
}

/** `virsh snapshot-delete [--children]`. */
export async function deleteSnapshot(
  ctx: DriverContext,
  vmId: VmId,
  snapshot: string,
  withChildren: boolean,
  name: string | undefined,
): Promise<void> {
  const what = `delete snapshot “${snapshot}” of VM '${name ?? vmId}'`;
  await snapshotCommand(ctx, vmId, snapshot, name, what, 'delete', [
    'snapshot-delete',
    '--domain',
    vmId,
    '--snapshotname',
    snapshot,
    ...(withChildren ? ['--children'] : []),
  ]);
}

async function snapshotCommand(
  ctx: DriverContext,
  vmId: VmId,
  snapshot: string,
  name: string | undefined,
  what: string,
  action: 'revert' | 'delete',
  argv: string[],
): Promise<void> {
  requireUuid(ctx, vmId, what);
  const result = await run(ctx, virsh(ctx, ...argv), ctx.timeouts.actionMs, what, {
    maxOutputBytes: SMALL_OUTPUT_BYTES,
  });
  if (result.code === 0) return;
  const refusal = classifySnapshotRefusal(libvirtReason(result.stderr), snapshot, action);
  throw refused(ctx, what, name ?? vmId, result.stderr, refusal);
}

/**
 * libvirt's refusal as data, from its message (its wording has been stable since 1.x); undefined
 * when it is none of the cases the console words itself (libvirt's own reason is said then).
 */
export function classifySnapshotRefusal(
  reason: string,
  snapshot?: string,
  action?: 'revert' | 'delete',
): SnapshotRefusal | undefined {
  const raw = /internal snapshot for disk (\S+) unsupported for storage type (\w+)/i.exec(reason);
  if (raw) return { code: 'raw-disk', disk: raw[1] ?? '?', format: raw[2] ?? 'raw' };
  if (/Domain not found|failed to get domain/i.test(reason)) return { code: 'vm-not-found' };
  if (/(snapshot|moment) .*already exists/i.test(reason) && snapshot !== undefined)
    return { code: 'name-taken', name: snapshot };
  if (/no domain snapshot with matching name|Domain snapshot not found/i.test(reason))
    return { code: 'snapshot-not-found', name: snapshot ?? '?' };
  if (action !== undefined && /external (disk )?snapshot|external.*not supported/i.test(reason))
    return { code: 'external-unsupported', action };
  return undefined;
}

/** The path of a disk a refusal names, for the sentence; none if the XML cannot be read. */
async function diskPath(
  ctx: DriverContext,
  vmId: VmId,
  target: string,
): Promise<{ path?: string }> {
  const result = await ctx.shell
    .exec(virsh(ctx, 'dumpxml', vmId), { timeoutMs: ctx.timeouts.queryMs, maxOutputBytes: 8 << 20 })
    .catch(() => undefined);
  if (result?.code !== 0) return {};
  try {
    const disk = parseDomainDevices(result.stdout).disks.find((d) => d.target === target);
    return disk?.source === undefined ? {} : { path: disk.source };
  } catch {
    return {};
  }
}

function refused(
  ctx: DriverContext,
  what: string,
  vmName: string,
  stderr: string,
  refusal = classifySnapshotRefusal(libvirtReason(stderr)),
): AppError {
  const words =
    refusal === undefined ? libvirtReason(stderr) : snapshotRefusalWords(refusal, vmName);
  const code =
    refusal?.code === 'vm-not-found' || refusal?.code === 'snapshot-not-found'
      ? 'not-found'
      : 'command-failed';
  return new AppError(code, `Couldn't ${what} on ${ctx.hostName}: ${words}`, {
    hostId: ctx.hostId,
    detail: stderr.trim().slice(0, 4000),
  });
}

function requireUuid(ctx: DriverContext, vmId: VmId, what: string): void {
  if (isUuid(vmId)) return;
  throw new AppError(
    'invalid-request',
    `Couldn't ${what} on ${ctx.hostName}: '${vmId}' is not a libvirt UUID`,
    {
      hostId: ctx.hostId,
    },
  );
}

function withHost<T>(parse: () => T, ctx: DriverContext, what: string): T {
  try {
    return parse();
  } catch (thrown) {
    throw AppError.from(thrown).during(`Couldn't ${what} on ${ctx.hostName}`);
  }
}
