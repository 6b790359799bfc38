import type { VmId } from '../../../../shared/domain/ids';
import { AppError } from '../../../../shared/errors';
import type { VmTags } from '../hypervisor-driver';
import { run, virsh, type DriverContext } from './driver-context';
import { isUuid } from './parse-domain-list';
import { FEDERATOR_VM_NS, parseDefinitionXml } from './parse-domain-xml';
import { missingProgramError } from './shell-failure';
import { libvirtReason } from './virsh-batch';
import { xmlEscape } from './xml';

/**
 * The XML travels on stdin into a private temporary file that virsh then reads: nothing of it is
 * ever part of a command line. (`virsh define /dev/stdin` works over plain sshd, but was seen
 * failing under runuser, and a file works wherever virsh does.) The script is fixed; the URI and
 * the domain to report come as "$1" and "$2".
 */
const DEFINE_FROM_STDIN =
  'f=$(mktemp) || exit 125; ' +
  'cat >"$f" && virsh -c "$1" define "$f" >/dev/null && virsh -c "$1" dominfo --domain "$2"; ' +
  'rc=$?; rm -f "$f"; exit $rc';

const NOT_FOUND = /failed to get domain|Domain not found|no domain with matching/i;

export async function defineDomain(ctx: DriverContext, xml: string): Promise<VmId> {
  const definition = parseDefinitionXml(xml, 'the domain XML to define');
  const what = `Couldn't define VM '${definition.name}' on ${ctx.hostName}`;
  // By UUID when the XML names one: a name made of digits would be read as a running domain's id.
  const lookup = definition.uuid ?? definition.name;
  const result = await run(
    ctx,
    ['sh', '-c', DEFINE_FROM_STDIN, 'sh', ctx.uri, lookup],
    ctx.timeouts.actionMs,
    `define VM '${definition.name}'`,
    { stdin: xml },
  );
  if (result.code !== 0) throw virshFailure(ctx, what, result);
  const uuid = /^UUID:\s+(\S+)\s*$/m.exec(result.stdout)?.[1];
  if (uuid === undefined || !isUuid(uuid)) {
    throw new AppError('parse-error', `${what}: virsh dominfo printed no UUID`, {
      hostId: ctx.hostId,
      detail: result.stdout || '(no output)',
    });
  }
  return uuid as VmId;
}

/** Undefine by UUID; a running domain is refused (libvirt would quietly make it transient). */
export async function undefineDomain(
  ctx: DriverContext,
  vmId: VmId,
  name: string | undefined,
): Promise<void> {
  const what = `Couldn't remove VM '${name ?? vmId}' from ${ctx.hostName}`;
  const state = await domainState(ctx, vmId, what);
  if (state === undefined) return;
  if (!INACTIVE.has(state)) {
    throw new AppError('conflict', `${what}: it is ${state}; stop it first`, {
      hostId: ctx.hostId,
    });
  }
  const result = await run(
    ctx,
    virsh(ctx, 'undefine', '--domain', vmId),
    ctx.timeouts.actionMs,
    `remove VM '${name ?? vmId}'`,
  );
  // Gone between the two commands: what we wanted anyway.
  if (result.code === 0 || NOT_FOUND.test(result.stderr)) return;
  throw virshFailure(ctx, what, result);
}

/** Write the tags into the persistent definition, and into the live one when the VM runs. */
export async function setDomainMetadata(
  ctx: DriverContext,
  vmId: VmId,
  tags: VmTags,
  name: string | undefined,
): Promise<void> {
  const what = `Couldn't tag VM '${name ?? vmId}' on ${ctx.hostName}`;
  const state = await domainState(ctx, vmId, what);
  if (state === undefined) {
    throw new AppError('not-found', `${what}: libvirt knows no such domain`, {
      hostId: ctx.hostId,
    });
  }
  // `--live` on a shut-off domain is refused ("domain is not running"), so it depends on the state.
  const scope = INACTIVE.has(state) ? ['--config'] : ['--config', '--live'];
  const result = await run(
    ctx,
    virsh(
      ctx,
      'metadata',
      '--domain',
      vmId,
      '--uri',
      FEDERATOR_VM_NS,
      '--key',
      'federator',
      '--set',
      federatorElement(tags),
      ...scope,
    ),
    ctx.timeouts.actionMs,
    `tag VM '${name ?? vmId}'`,
  );
  if (result.code !== 0) throw virshFailure(ctx, what, result);
}

/** The element libvirt stores under our namespace (it adds the prefix and xmlns itself). */
export function federatorElement(tags: VmTags): string {
  return `<vm application="${xmlEscape(tags.application)}" service="${xmlEscape(tags.service)}"/>`;
}

/** States in which libvirt has no running guest: `virsh domstate` words. */
const INACTIVE = new Set(['shut off', 'crashed']);

/** `virsh domstate`: the state word, or undefined when libvirt knows no such domain. */
async function domainState(
  ctx: DriverContext,
  vmId: VmId,
  what: string,
): Promise<string | undefined> {
  if (!isUuid(vmId)) {
    throw new AppError('invalid-request', `${what}: '${vmId}' is not a libvirt UUID`, {
      hostId: ctx.hostId,
    });
  }
  const result = await run(
    ctx,
    virsh(ctx, 'domstate', '--domain', vmId),
    ctx.timeouts.queryMs,
    'read a VM state',
  );
  if (result.code === 0) return result.stdout.trim();
  if (NOT_FOUND.test(result.stderr)) return undefined;
  throw virshFailure(ctx, what, result);
}

function virshFailure(
  ctx: DriverContext,
  what: string,
  result: { code: number | null; stdout: string; stderr: string },
): AppError {
  const missing = missingProgramError(ctx, result);
  if (missing !== undefined) return missing;
  return new AppError('command-failed', `${what}: ${libvirtReason(result.stderr)}`, {
    hostId: ctx.hostId,
    detail: result.stderr.trim() || `virsh exited with code ${String(result.code)}`,
  });
}
