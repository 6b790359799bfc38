import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { run, uriProblem, type DriverContext } from '../hypervisor/libvirt/driver-context';
import { commandError } from '../hypervisor/libvirt/shell-failure';
import { virshErrors } from '../hypervisor/libvirt/virsh-batch';
import type { CounterSample } from './counters';
import { parseDomstatsCounters } from './parse-domstats-counters';
import { parseHostCounters } from './parse-host-counters';

/**
 * One sample of a host, in ONE exec over its existing SSH connection: a fixed script (no data in
 * it; the separator is $1 and the libvirt URI $2) printing the host's counters and then
 * `virsh domstats` of every domain. `--nowait` keeps a domain with a job running (a migration)
 * from holding the sample up to 30 s.
 */
export const METRICS_SCRIPT = [
  'cat /proc/uptime',
  "grep '^cpu ' /proc/stat",
  "grep -E '^(MemTotal|MemAvailable):' /proc/meminfo",
  'cat /proc/net/dev',
  'df -Pk / | tail -n 1',
  'virsh -c "$2" domstats --raw --nowait --state --cpu-total --balloon --vcpu --interface --block',
].join('; echo "$1"; ');

const SECTIONS = 6;
/** A domstats of a few thousand domains is a few MiB; a host printing more is broken. */
export const METRICS_OUTPUT_BYTES = 16 * 1024 * 1024;

export async function sampleLibvirtHost(ctx: DriverContext): Promise<CounterSample> {
  const refused = uriProblem(ctx);
  if (refused !== undefined) throw new AppError('invalid-request', refused, { hostId: ctx.hostId });
  const separator = `@@federator-${randomBytes(8).toString('hex')}@@`;
  const result = await run(
    ctx,
    ['sh', '-c', METRICS_SCRIPT, 'sh', separator, ctx.uri],
    ctx.timeouts.queryMs,
    'sample the utilisation',
    { maxOutputBytes: METRICS_OUTPUT_BYTES },
  );
  return splitAndParse(result.stdout, result.stderr, separator, ctx.hostName, () =>
    result.code === 127 || result.code === 126
      ? commandError(ctx, result, 'sample the utilisation')
      : undefined,
  );
}

/**
 * The script's output cut into its sections and parsed. Exported for the parsers' tests and the
 * bench: the same code reads a captured sample as a live one.
 */
export function splitAndParse(
  stdout: string,
  stderr: string,
  separator: string,
  hostName: string,
  cannotRun: () => AppError | undefined = () => undefined,
): CounterSample {
  const sections = stdout.split(`${separator}\n`);
  if (sections.length !== SECTIONS) {
    throw (
      cannotRun() ??
      new AppError(
        'parse-error',
        `Couldn't sample the utilisation of ${hostName}: unexpected output`,
        {
          detail: `${stdout.slice(0, 2000)}\n${stderr.slice(0, 2000)}`,
        },
      )
    );
  }
  const [uptime = '', stat = '', meminfo = '', netdev = '', df = '', domstats = ''] = sections;
  try {
    const host = parseHostCounters({ uptime, stat, meminfo, netdev, df });
    const errors = virshErrors(stderr);
    // libvirt down: the host's own figures still count; the VMs wait for the next sample.
    if (errors.length > 0 && domstats.trim() === '') {
      return { host, vms: [], problem: `virsh domstats failed: ${errors.join('; ')}` };
    }
    return { host, vms: parseDomstatsCounters(domstats) };
  } catch (thrown) {
    throw AppError.from(thrown).during(`Couldn't sample the utilisation of ${hostName}`);
  }
}
