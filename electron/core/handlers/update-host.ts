import type { ParsedRequestOf } from '../../../shared/contract/requests';
import type { Host, HostConfig } from '../../../shared/domain/host';
import { AppError } from '../../../shared/errors';
import { configFrom, refuseBadJumpHost, refuseTakenEndpoint } from './add-host';
import { refuseBadFenceProxy, storePower } from './power-settings';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';

/**
 * hosts:update: new settings for a stored host, under the same id (so its log lines, selection and
 * labels stay), then a new link with them, waited on like hosts:add. A new address or port may be
 * another machine, so the key trusted for the old one is forgotten and asked for again.
 */
export function updateHost(ctx: CoreContext, req: ParsedRequestOf<'hosts:update'>): Promise<Host> {
  return attempt(`Couldn't change host ${hostName(ctx, req.hostId)}`, async () => {
    const entry = requireHost(ctx, req.hostId);
    if (entry.config.driver === 'demo') {
      throw new AppError('invalid-request', 'it belongs to the demo fleet, which has no settings', {
        hostId: req.hostId,
      });
    }
    refuseTakenEndpoint(ctx, req, req.hostId);
    refuseBadJumpHost(ctx, req, req.hostId);
    refuseBadFenceProxy(ctx, req.power, req.hostId);
    const before = entry.config;
    // Maintenance is not a setting of the form: editing a host in maintenance keeps it there.
    const config: HostConfig = {
      ...configFrom(req, before.id, await storePower(ctx, before.id, req, before.power)),
      ...(before.maintenance === true ? { maintenance: true } : {}),
    };
    if (config.keyPath !== undefined) await ctx.checkKeyFile(config.name, config.keyPath);
    const makeLink = await ctx.realLink(config, req.passphrase || undefined);
    const forgetKey =
      movedTo(before, config) && ctx.inventory.trustedKeys.get(config.id) !== undefined;
    await ctx.inventory.updateHost(config, { forgetKey }); // one save: never half-changed on disk
    ctx.log.append({
      level: 'info',
      hostId: config.id,
      hostName: config.name,
      message: changeLine(before, config, forgetKey),
    });
    const version = entry.version;
    await ctx.hosts.replaceLink(config.id, makeLink, config);
    return ctx.hosts.waitSettled(config.id, version, ctx.settleTimeoutMs);
  });
}

/** Any power setting, or a new password (said without the password, of course). */
function powerChanged(before: HostConfig, after: HostConfig): boolean {
  const { passwordSet: _was, ...was } = before.power ?? { passwordSet: false };
  const { passwordSet: _is, ...is } = after.power ?? { passwordSet: false };
  return (
    JSON.stringify(was) !== JSON.stringify(is) ||
    before.power?.passwordSet !== after.power?.passwordSet
  );
}

/** Another address or port: possibly another machine (the user alone does not change that). */
function movedTo(before: HostConfig, after: HostConfig): boolean {
  return before.address.toLowerCase() !== after.address.toLowerCase() || before.port !== after.port;
}

/** "hv1: settings changed (address, key file); …" naming what changed, and the key if forgotten. */
export function changeLine(before: HostConfig, after: HostConfig, keyForgotten: boolean): string {
  const changed = [
    before.name !== after.name && `name, was ${before.name}`,
    movedTo(before, after) && `address, was ${before.address}:${before.port}`,
    before.user !== after.user && `user, was ${before.user}`,
    before.keyPath !== after.keyPath && 'key file',
    before.uri !== after.uri && 'libvirt URI',
    JSON.stringify(before.labels) !== JSON.stringify(after.labels) && 'labels',
    before.migrationBandwidthMiBs !== after.migrationBandwidthMiBs && 'migration bandwidth limit',
    before.cpuOvercommit !== after.cpuOvercommit && 'CPU overcommit',
    before.memoryOvercommit !== after.memoryOvercommit && 'memory overcommit',
    before.jumpHostId !== after.jumpHostId && 'jump host',
    powerChanged(before, after) && 'power management',
  ].filter((part): part is string => typeof part === 'string');
  const what = changed.length > 0 ? `settings changed (${changed.join('; ')})` : 'settings saved';
  const next = keyForgotten
    ? `forgot the host key trusted at ${before.address}:${before.port}, since a new address may be another machine: its fingerprint will be asked for again`
    : 'connecting again';
  return `${after.name}: ${what}; ${next}`;
}
