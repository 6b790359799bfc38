import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import { SMALL_OUTPUT_BYTES, type ExecResult } from '../../ssh/remote-shell';
import type { MigrateOptions, MigrationTarget } from '../hypervisor-driver';
import { virsh, type DriverContext } from './driver-context';
import { pathEnds } from './libvirt-probe';
import { describePathFailure } from './migration-path-words';
import { MigrationProgress, withoutProgress } from './migration-progress';
import { targetAddresses } from './migration-target';
import { isUuid } from './parse-domain-list';
import { missingProgramError } from './shell-failure';
import { libvirtReason } from './virsh-batch';

/** A disk's device name as libvirt writes it (vda, sdb, hdc …): safe inside `--migrate-disks a,b`. */
const DISK_TARGET = /^[A-Za-z0-9_.-]{1,64}$/;

/** How often `domjobabort` is retried while the migration job has not started yet. */
const ABORT_RETRY_MS = 200;

/**
 * `virsh migrate --p2p` run on the source host: the source's libvirtd drives the job and connects to
 * the target itself, so the job survives the console's SSH link (and virsh) dropping midway; seen
 * in the lab: virsh killed at 65 %, the guest still arrived on the target. The console only watches;
 * a restarted console finds the VM where the hosts say it is.
 * Progress: from virsh's own `--verbose` reports on stderr, read as they arrive (the exec's
 * onStderr), rather than polling `virsh domjobinfo` on a second channel: virsh already polls the
 * job every half second, and a second poller would only add channels and a race with the job's end.
 */
export async function migrateDomain(
  ctx: DriverContext,
  vmId: VmId,
  target: MigrationTarget,
  options: MigrateOptions,
  name: string | undefined,
): Promise<void> {
  const label = name ?? vmId;
  const move = `move ${label} from ${ctx.hostName} to ${target.hostName}`;
  if (!isUuid(vmId)) {
    throw new AppError('invalid-request', `Couldn't ${move}: '${vmId}' is not a libvirt UUID`, {
      hostId: ctx.hostId,
    });
  }
  const to = targetAddresses(target);
  const cancelled = (detail?: string): AppError =>
    new AppError('cancelled', `Cancelled: ${move}; it stays on ${ctx.hostName}`, {
      hostId: ctx.hostId,
      ...(detail ? { detail } : {}),
    });
  const aborted = (): boolean => options.signal?.aborted ?? false;
  if (aborted()) throw cancelled();
  const disks = options.copyDisks ?? [];
  const odd = disks.find((d) => !DISK_TARGET.test(d));
  if (odd !== undefined || (disks.length > 0 && !options.live)) {
    throw new AppError(
      'invalid-request',
      `Couldn't ${move}: ${odd === undefined ? 'disks are copied only in a live migration' : `'${odd.slice(0, 64)}' is not a disk's device name`}`,
      { hostId: ctx.hostId },
    );
  }
  const argv = virsh(
    ctx,
    'migrate',
    options.live ? '--live' : '--offline',
    '--p2p',
    '--persistent',
    '--undefinesource',
    '--verbose',
    ...(options.bandwidthMiBs === undefined ? [] : ['--bandwidth', String(options.bandwidthMiBs)]),
    // The data path by address (no name lookup on either side), and the target qemu listening on
    // that address only. An offline move copies only the definition: no data path.
    ...(options.live
      ? ['--listen-address', to.address, '--migrateuri', `tcp://${to.uriHost}`]
      : []),
    // Disks only the source has: QEMU mirrors them (NBD) into volumes libvirt creates on the
    // target first. Seen on the lab (libvirt 9.0, 2026-12-06), `--p2p` with the listen address
    // as above and no NBD flags of its own:
    // - a pool volume is created in the target's pool of the same name; the copy is flattened
    //   (an 8 MiB qcow2 overlay over lab-base.qcow2 arrived with no backing file, 8.25 MiB on
    //   disk: the virtual size is what the target pays);
    // - a volume of that name already on the target is reused and written over (moving the
    //   guest back to hv1 wrote into its old overlay there), and the source keeps its copy;
    // - virsh's percentage counts disk and memory together (domjobinfo midway: "Data total
    //   256 MiB, File total 256 MiB" for a 256 MiB disk), and --bandwidth caps the disk copy too
    //   (40 MiB/s: 12, 18, 25 … 87, 100 %);
    // - --copy-storage-inc would copy the top layer only into a volume created without its
    //   backing file: not used.
    ...(disks.length === 0 ? [] : ['--copy-storage-all', '--migrate-disks', disks.join(',')]),
    '--domain',
    vmId,
    '--desturi',
    to.libvirtUri,
  );
  const progress = new MigrationProgress((percent) => options.onProgress?.(percent));
  let finished = false;
  let aborting: Promise<string | undefined> | undefined;
  const onAbort = (): void => {
    aborting ??= abortJob(ctx, vmId, () => finished);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let result: ExecResult;
  try {
    result = await ctx.shell.exec(argv, {
      timeoutMs: ctx.timeouts.migrateMs,
      onStderr: (chunk) => progress.push(chunk),
    });
  } catch (thrown) {
    const error = AppError.from(thrown);
    // Past our deadline the host's `timeout` ends virsh, but a peer-to-peer job goes on without it:
    // abort it, so that the guest stays on the source rather than arriving after we said it failed.
    if (error.code === 'timeout') await abortJob(ctx, vmId, () => true);
    throw error.during(`Couldn't ${move}`);
  } finally {
    finished = true;
    options.signal?.removeEventListener('abort', onAbort);
  }
  const abortProblem = aborting === undefined ? undefined : await aborting;
  // Done before the abort reached libvirt: the VM is on the target, and saying "cancelled" would
  // send whoever asked looking for it on the source.
  if (result.code === 0) return;
  const stderr = withoutProgress(result.stderr);
  if (aborted()) {
    throw cancelled([stderr, abortProblem].filter(Boolean).join('\n'));
  }
  const missing = missingProgramError(ctx, result);
  if (missing !== undefined) throw missing.during(`Couldn't ${move}`);
  throw new AppError(
    'command-failed',
    `Couldn't ${move}: ${failureWords(ctx, target, stderr, label)}`,
    {
      hostId: ctx.hostId,
      detail: stderr || `virsh exited with code ${String(result.code)}`,
    },
  );
}

/** libvirt's failure in plain words; its own message stays in the detail. */
function failureWords(
  ctx: DriverContext,
  target: MigrationTarget,
  stderr: string,
  label: string,
): string {
  const to = target.hostName;
  // Peer to peer, the source's libvirtd talks to the target's: a connection that ends once the job
  // runs reads "End of file while reading data" with no "failed to connect" before it. That is a
  // transfer broken midway (seen when the receiving qemu was killed), not a path that never worked.
  if (/End of file while reading data/i.test(stderr) && !/failed to connect/i.test(stderr)) {
    return `the transfer broke off midway (the connection to ${to} ended)`;
  }
  const path = describePathFailure(stderr, pathEnds(ctx, target));
  if (path !== undefined) return path.message;
  if (/already exists|already defined/i.test(stderr)) {
    return `${to} already has a VM with the same name or UUID`;
  }
  if (/domain is not running|not active/i.test(stderr)) {
    return `${label} is not running (a shut-off VM is moved offline)`;
  }
  if (/operation aborted|canceled by client/i.test(stderr)) {
    return `the migration was aborted on ${ctx.hostName} (not by this console)`;
  }
  // The receiving QEMU ended before libvirt had its monitor: seen on the lab when it was killed as
  // it started, once a reaper made its death visible at once.
  if (/process exited while connecting to monitor/i.test(stderr)) {
    return `the receiving copy on ${to} stopped as it started`;
  }
  if (
    /unexpectedly (?:closed|failed)|Unable to (?:read|write) (?:from|to) (?:socket|monitor)|Connection reset|Broken pipe|migration .*failed/i.test(
      stderr,
    )
  ) {
    return `the transfer broke off midway (the receiving copy on ${to} stopped)`;
  }
  return libvirtReason(stderr);
}

/**
 * `virsh domjobabort` until it takes: the job may not exist yet (virsh is still connecting to the
 * target), and an abort sent then would be lost while the migration goes on. Resolves with a
 * problem to report, or undefined.
 */
async function abortJob(
  ctx: DriverContext,
  vmId: VmId,
  finished: () => boolean,
): Promise<string | undefined> {
  for (;;) {
    let result: ExecResult;
    try {
      result = await ctx.shell.exec(virsh(ctx, 'domjobabort', '--domain', vmId), {
        timeoutMs: ctx.timeouts.queryMs,
        maxOutputBytes: SMALL_OUTPUT_BYTES,
      });
    } catch (thrown) {
      return `virsh domjobabort: ${AppError.from(thrown).message}`;
    }
    if (result.code === 0) return undefined;
    if (!/no job is active/i.test(result.stderr)) return result.stderr.trim();
    if (finished()) return undefined;
    await new Promise((resolve) => setTimeout(resolve, ABORT_RETRY_MS));
    if (finished()) return undefined;
  }
}
