import { randomBytes } from 'node:crypto';
import type { ParsedRequestOf } from '../../../shared/contract/requests';
import { HostConfig, type Host } from '../../../shared/domain/host';
import { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { attempt, type CoreContext } from './core-context';

/**
 * hosts:add: store the host, open its link and wait until the attempt ends (connected, a key to
 * confirm, refused, unreachable …) or the settle timeout passes; the window shows what came of it.
 */
export function addHost(ctx: CoreContext, req: ParsedRequestOf<'hosts:add'>): Promise<Host> {
  const name = req.name || req.address;
  return attempt(`Couldn't add host ${name}`, async () => {
    refuseTakenEndpoint(ctx, req);
    const config = configFrom(req, newHostId(name));
    const makeLink = await ctx.realLink(config, req.passphrase || undefined);
    await ctx.inventory.addHost(config);
    let entry;
    try {
      entry = ctx.fleet.attach(config, makeLink);
    } catch (error) {
      await ctx.inventory.removeHost(config.id); // no half-added host left behind
      throw error;
    }
    const isFirstRealHost = ctx.fleet.all().every((e) => e === entry || e.config.driver === 'demo');
    if (ctx.demo.enabled && isFirstRealHost) {
      await ctx.demo.set(false, { persist: true, reason: `${name} is the first real host` });
    }
    // From version 0: a link may report its outcome from inside open() already.
    return ctx.fleet.waitSettled(config.id, 0, ctx.settleTimeoutMs);
  });
}

/** A host is one user at one address and port: a second entry for it would fight the first. */
export function refuseTakenEndpoint(
  ctx: CoreContext,
  req: Pick<HostConfig, 'address' | 'port' | 'user'>,
  self?: HostId,
): void {
  const existing = ctx.inventory.findHostByEndpoint(req.address, req.port, req.user);
  if (existing && existing.id !== self) {
    throw new AppError(
      'conflict',
      `${req.user}@${req.address}:${req.port} is already in the console as ${existing.name}`,
      { hostId: existing.id },
    );
  }
}

/** The stored configuration of a real host from the fields of hosts:add or hosts:update. */
export function configFrom(req: ParsedRequestOf<'hosts:add'>, id: HostId): HostConfig {
  return HostConfig.parse({
    id,
    name: req.name || req.address,
    address: req.address,
    port: req.port,
    user: req.user,
    ...(req.keyPath ? { keyPath: req.keyPath } : {}), // empty means ssh-agent
    uri: req.uri,
    labels: req.labels,
    driver: 'libvirt',
    ...(req.migrationBandwidthMiBs === undefined
      ? {}
      : { migrationBandwidthMiBs: req.migrationBandwidthMiBs }),
  });
}

/** Readable and stable: the name's slug plus a random tail (an address can change, the id cannot). */
function newHostId(name: string): HostId {
  let slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (slug === '' || slug.startsWith('demo')) slug = `host-${slug}`.replace(/-$/, '');
  return HostId.parse(`${slug}-${randomBytes(3).toString('hex')}`);
}
