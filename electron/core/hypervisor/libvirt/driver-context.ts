import type { HostId } from '../../../../shared/domain/ids';
import { libvirtUriProblem } from '../../../../shared/domain/libvirt-uri';
import { AppError } from '../../../../shared/errors';
import type { ExecOptions, ExecResult, RemoteShell } from '../../ssh/remote-shell';

/** What every part of the libvirt driver needs: the shell, whom it talks to, and its timeouts. */
export interface DriverContext {
  shell: RemoteShell;
  hostId: HostId;
  hostName: string;
  /** The SSH user the console logs in as: the one who runs virsh, so the one a fix must name. */
  user?: string;
  /** The libvirt URI on that host (qemu:///system, qemu:///session …). */
  uri: string;
  timeouts: DriverTimeouts;
  /** A problem worth a log line that fails nothing (one unreadable domain among many). */
  warn?: (message: string, detail?: string) => void;
  /** A service VM's domain XML as read by a listing: kept so a recovery can define it elsewhere. */
  keep?: (uuid: string, xml: string) => void;
}

export interface DriverTimeouts {
  /** Listing and facts: a hung libvirtd must surface as an error, not a stuck poll. */
  queryMs: number;
  /** start/shutdown/… wait for libvirt to carry the action out (a first start probes QEMU). */
  actionMs: number;
  /** A whole migration: a busy guest of many GiB takes minutes, not the action's minute. */
  migrateMs: number;
  /** A migration-path probe: one SSH login plus one libvirt call from host to host. */
  probeMs: number;
}

export const DEFAULT_DRIVER_TIMEOUTS: DriverTimeouts = {
  queryMs: 15_000,
  actionMs: 60_000,
  migrateMs: 30 * 60_000,
  probeMs: 15_000,
};

/**
 * The fixed template of every libvirt command: `virsh -c URI <args>`, the URI per host. A URI the
 * console refuses (command=, keyfile= … saved by an older version) is never run.
 */
export function virsh(ctx: DriverContext, ...args: string[]): string[] {
  const problem = uriProblem(ctx);
  if (problem !== undefined) {
    throw new AppError('invalid-request', problem, { hostId: ctx.hostId });
  }
  return ['virsh', '-c', ctx.uri, ...args];
}

/** Why this host's libvirt URI is refused, naming the host; undefined when it is fine. */
export function uriProblem(ctx: Pick<DriverContext, 'uri' | 'hostName'>): string | undefined {
  const problem = libvirtUriProblem(ctx.uri);
  return problem === undefined
    ? undefined
    : `${problem}. Edit ${ctx.hostName} to correct it: nothing is run with this URI until then`;
}

/** Run a command; failures keep their code, and a message saying what we were doing on which host. */
export async function run(
  ctx: DriverContext,
  argv: readonly string[],
  timeoutMs: number,
  doing: string,
  extra: Omit<ExecOptions, 'timeoutMs'> = {},
): Promise<ExecResult> {
  try {
    return await ctx.shell.exec(argv, { ...extra, timeoutMs });
  } catch (thrown) {
    throw AppError.from(thrown).during(`Couldn't ${doing} on ${ctx.hostName}`);
  }
}
