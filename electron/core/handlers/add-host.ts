import { randomBytes } from 'node:crypto';
import type { ParsedRequestOf } from '../../../shared/contract/requests';
import { HostConfig, type Host } from '../../../shared/domain/host';
import { HostId } from '../../../shared/domain/ids';
import type { PowerConfig } from '../../../shared/domain/power';
import { refuseBadFenceProxy, storePower } from './power-settings';
import { AppError } from '../../../shared/errors';
import { attempt, type CoreContext } from '../context/core-context';

/**
 * hosts:add: store the host, open its link and wait until the attempt ends (connected, a key to
 * confirm, refused, unreachable …) or the settle timeout passes; the window shows what came of it.
 */
export function addHost(ctx: CoreContext, req: ParsedRequestOf<'hosts:add'>): Promise<Host> {
  const name = req.name || req.address;
  return attempt(`Couldn't add host ${name}`, async () => {
    refuseTakenEndpoint(ctx, req);
    refuseBadJumpHost(ctx, req);
    refuseBadFenceProxy(ctx, req.power);
    const id = newHostId(name);
    const power = await storePower(ctx, id, req);
    const config = configFrom(req, id, power);
    await storeAndAttach(ctx, config, req.passphrase || undefined).catch(async (error: unknown) => {
      if (power?.passwordSet === true) await ctx.power.forgetPassword(id);
      throw error;
    });
    // From version 0: a link may report its outcome from inside open() already.
    return ctx.hosts.waitSettled(config.id, 0, ctx.settleTimeoutMs);
  });
}

/** Store a new host and open its link; the first real host turns the demo off once it connects. */
export async function storeAndAttach(
  ctx: CoreContext,
  config: HostConfig,
  passphrase?: string,
): Promise<void> {
  // Before anything is stored: a missing key file is a mistake in the form, not "Auth failed".
  if (config.keyPath !== undefined) await ctx.checkKeyFile(config.name, config.keyPath);
  const makeLink = await ctx.realLink(config, passphrase);
  await ctx.inventory.addHost(config);
  let entry;
  try {
    entry = ctx.hosts.attach(config, makeLink);
  } catch (error) {
    await ctx.inventory.removeHost(config.id); // no half-added host left behind
    throw error;
  }
  const isFirstRealHost = ctx.hosts.all().every((e) => e === entry || e.config.driver === 'demo');
  if (ctx.demo.enabled && isFirstRealHost) hideDemoOnceConnected(ctx, config.id, config.name);
}

/**
 * The demo gives way to the first real host only once that host connects: a host that fails (a
 * refused key, nothing answering) leaves the demo as it was, and the event log says so. Removing
 * the host, or the demo going by other means, ends the wait.
 */
function hideDemoOnceConnected(ctx: CoreContext, hostId: HostId, name: string): void {
  const stop = () => {
    offChanged();
    offRemoved();
    offDemo();
  };
  const offChanged = ctx.hub.on('hosts:changed', (host) => {
    if (host.config.id !== hostId || host.state !== 'connected') return;
    stop();
    if (!ctx.demo.enabled) return;
    ctx.demo
      .set(false, { persist: true, reason: `${name} is the first real host, and it is connected` })
      .catch((error: unknown) =>
        ctx.log.append({
          level: 'error',
          message: `Couldn't hide the demo fleet: ${String(error)}`,
        }),
      );
  });
  const offRemoved = ctx.hub.on('hosts:removed', (event) => {
    if (event.hostId === hostId) stop();
  });
  const offDemo = ctx.hub.on('demo:changed', (event) => {
    if (!event.enabled) stop();
  });
  ctx.log.append({
    level: 'info',
    hostId,
    hostName: name,
    message: `The demo fleet stays until ${name} connects`,
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

/**
 * A jump host must be a real host of the console, not the host itself, and reached directly: the
 * console follows one hop (chains of jump hosts are refused here, with words, not half-followed).
 */
export function refuseBadJumpHost(
  ctx: CoreContext,
  req: { jumpHostId?: HostId | undefined },
  self?: HostId,
): void {
  if (req.jumpHostId === undefined) return;
  const jump = ctx.hosts.get(req.jumpHostId)?.config;
  const refuse = (why: string): AppError => new AppError('invalid-request', why);
  if (jump === undefined) throw refuse(`its jump host ${req.jumpHostId} is not in the console`);
  if (jump.id === self) throw refuse('a host cannot be its own jump host');
  if (jump.driver !== 'libvirt')
    throw refuse(`${jump.name} is a demo host; it cannot be a jump host`);
  if (jump.jumpHostId !== undefined) {
    throw refuse(`its jump host ${jump.name} is itself reached through a jump host (one hop only)`);
  }
}

/** The stored configuration of a real host from the fields of hosts:add or hosts:update. */
export function configFrom(
  req: ParsedRequestOf<'hosts:add'>,
  id: HostId,
  power?: PowerConfig,
): HostConfig {
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
    ...(req.cpuOvercommit === undefined ? {} : { cpuOvercommit: req.cpuOvercommit }),
    ...(req.memoryOvercommit === undefined ? {} : { memoryOvercommit: req.memoryOvercommit }),
    ...(req.jumpHostId === undefined ? {} : { jumpHostId: req.jumpHostId }),
    ...(power === undefined ? {} : { power }),
  });
}

/** Readable and stable: the name's slug plus a random tail (an address can change, the id cannot). */
export function newHostId(name: string): HostId {
  let slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (slug === '' || slug.startsWith('demo')) slug = `host-${slug}`.replace(/-$/, '');
  return HostId.parse(`${slug}-${randomBytes(3).toString('hex')}`);
}
