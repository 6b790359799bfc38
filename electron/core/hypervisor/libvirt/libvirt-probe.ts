import { AppError } from '../../../../shared/errors';
import { toCommandLine } from '../../ssh/quote';
import { SMALL_OUTPUT_BYTES } from '../../ssh/remote-shell';
import type { MigrationTarget, PathProbe } from '../hypervisor-driver';
import type { DriverContext } from './driver-context';
import { describePathFailureOrRaw, type PathEnds } from './migration-path-words';
import { targetAddresses } from './migration-target';
import { missingProgramError } from './shell-failure';

/**
 * From the source host, open the target's libvirt exactly as `virsh migrate` will (same qemu+ssh
 * URI, same user, same known_hosts and key) and ask it for its URI: one SSH login plus one call
 * answered by the target's daemon, so a broken key, a closed port or a dead libvirtd all show.
 */
export async function probeMigrationPath(
  ctx: DriverContext,
  target: MigrationTarget,
): Promise<PathProbe> {
  let libvirtUri: string;
  try {
    libvirtUri = targetAddresses(target).libvirtUri;
  } catch (thrown) {
    const error = AppError.from(thrown);
    return { ok: false, message: error.message, fix: `Correct ${target.hostName}'s settings.` };
  }
  const argv = ['virsh', '-c', libvirtUri, 'uri'];
  const ends = pathEnds(ctx, target);
  const timeoutS = Math.round(ctx.timeouts.probeMs / 1000);
  let result;
  try {
    result = await ctx.shell.exec(argv, {
      timeoutMs: ctx.timeouts.probeMs,
      maxOutputBytes: SMALL_OUTPUT_BYTES,
    });
  } catch (thrown) {
    const error = AppError.from(thrown);
    if (error.code !== 'timeout')
      throw error.during(`Couldn't check the path ${ctx.hostName} → ${target.hostName}`);
    return {
      ok: false,
      message: `${ctx.hostName} got no answer from libvirt on ${target.hostName} within ${timeoutS} s`,
      fix: `Check the network between ${ctx.hostName} and ${target.hostName} (firewalls that drop port ${target.port}), and that libvirt on ${target.hostName} is not hung.`,
      detail: error.message,
    };
  }
  if (result.code === 0) return { ok: true };
  const missing = missingProgramError(ctx, result);
  if (missing !== undefined) {
    return {
      ok: false,
      message: missing.message,
      fix: `Install libvirt's client tools on ${ctx.hostName}.`,
      detail: result.stderr.trim(),
    };
  }
  const words = describePathFailureOrRaw(result.stderr, ends, toCommandLine(argv));
  return {
    ok: false,
    ...words,
    detail: result.stderr.trim() || `exit code ${String(result.code)}`,
  };
}

export function pathEnds(ctx: DriverContext, target: MigrationTarget): PathEnds {
  return { source: ctx.hostName, sourceUser: ctx.user ?? "the console's SSH user", target };
}
