import { randomBytes } from 'node:crypto';
import type { HostFacts, VirtualLayer } from '../../../../shared/domain/host';
import { AppError } from '../../../../shared/errors';
import { run, uriProblem, virsh, type DriverContext } from './driver-context';
import { OS_FACTS_SCRIPT, OS_FACTS_SECTIONS, parseOsFacts } from './parse-os-facts';
import { parseVirtFacts } from './parse-virt-facts';
import { commandError } from './shell-failure';
import { virshBatch, virshErrors } from './virsh-batch';

/**
 * Both software layers of a host. The OS layer must be readable (else this throws); the virtual
 * layer's troubles are the answer, not an error: the admin is told exactly what is missing.
 */
export async function readFacts(ctx: DriverContext): Promise<HostFacts> {
  const separator = `@@federator-${randomBytes(8).toString('hex')}@@`;
  const os = await run(
    ctx,
    ['sh', '-c', OS_FACTS_SCRIPT, 'sh', separator],
    ctx.timeouts.queryMs,
    'read the host facts',
  );
  // A shell that could not run the script (no `timeout`, a non-POSIX login shell …) must not
  // pass for a host with nothing to say: say what failed.
  if (os.code !== 0) throw commandError(ctx, os, 'read the host facts');
  const sections = os.stdout.split(`${separator}\n`);
  if (sections.length !== OS_FACTS_SECTIONS) {
    throw new AppError(
      'parse-error',
      `Couldn't read the host facts of ${ctx.hostName}: unexpected output`,
      {
        hostId: ctx.hostId,
        detail: `${os.stdout}\n${os.stderr}`,
      },
    );
  }
  let facts;
  try {
    facts = parseOsFacts(sections);
  } catch (thrown) {
    throw AppError.from(thrown).during(`Couldn't read the host facts of ${ctx.hostName}`);
  }
  const virtualLayer =
    facts.virshPath === undefined
      ? missing(ctx, `virsh is not installed on ${ctx.hostName} (install libvirt-clients)`)
      : await readVirtualLayer(ctx);
  return {
    hostname: facts.hostname,
    os: facts.os,
    cpu: facts.cpu,
    memoryMiB: facts.memoryMiB,
    virtualLayer,
  };
}

async function readVirtualLayer(ctx: DriverContext): Promise<VirtualLayer> {
  const refused = uriProblem(ctx);
  if (refused !== undefined) return notAnswering(ctx, refused);
  const batch = virshBatch(['version', 'uri', 'capabilities'], 'virsh version; uri; capabilities');
  let result;
  try {
    result = await ctx.shell.exec(virsh(ctx, batch.script), { timeoutMs: ctx.timeouts.queryMs });
  } catch (thrown) {
    const error = AppError.from(thrown);
    if (error.code !== 'timeout') throw error;
    return notAnswering(
      ctx,
      `libvirt does not answer at ${ctx.uri} on ${ctx.hostName}: ${error.message}`,
    );
  }
  const errors = virshErrors(result.stderr);
  if (errors.length > 0 || result.code !== 0) {
    const why =
      errors.join('; ') || result.stderr.trim() || `virsh exited with code ${String(result.code)}`;
    return notAnswering(ctx, `libvirt does not answer at ${ctx.uri} on ${ctx.hostName}: ${why}`);
  }
  const [version = '', uri = '', capabilities = ''] = batch.split(result.stdout);
  return { status: 'ok', ...parseVirtFacts(version, uri, capabilities) };
}

function missing(ctx: DriverContext, problem: string): VirtualLayer {
  return { status: 'missing', uri: ctx.uri, liveMigration: false, problem };
}

function notAnswering(ctx: DriverContext, problem: string): VirtualLayer {
  return { status: 'not-answering', uri: ctx.uri, liveMigration: false, problem };
}
