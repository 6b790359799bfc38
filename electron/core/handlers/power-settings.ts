import type { HostId } from '../../../shared/domain/ids';
import type { PowerConfig, PowerSettings } from '../../../shared/domain/power';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context/core-context';

/**
 * A fence proxy must be another real host of the console: the host itself is the one that may be
 * dead, and a demo host has no ipmitool.
 */
export function refuseBadFenceProxy(
  ctx: CoreContext,
  power: PowerSettings | undefined,
  self?: HostId,
): void {
  if (power?.route.kind !== 'peer') return;
  const peer = ctx.hosts.get(power.route.hostId)?.config;
  const refuse = (why: string): AppError => new AppError('invalid-request', why);
  if (peer === undefined)
    throw refuse(`its fence proxy ${power.route.hostId} is not in the console`);
  if (peer.id === self) throw refuse('a host cannot be its own fence proxy');
  if (peer.driver !== 'libvirt')
    throw refuse(`${peer.name} is a demo host; it cannot be a fence proxy`);
}

/**
 * The power management to store with a host, once its password (if a new one was typed) is
 * sealed in the secret store: the password first, so that a stored `passwordSet` always has one.
 * No power management: the stored password goes too.
 */
export async function storePower(
  ctx: CoreContext,
  hostId: HostId,
  req: { power?: PowerSettings | undefined; powerPassword?: string | undefined },
  before?: PowerConfig,
): Promise<PowerConfig | undefined> {
  if (req.power === undefined) {
    if (before?.passwordSet === true) await ctx.power.forgetPassword(hostId);
    return undefined;
  }
  if (req.powerPassword !== undefined) await ctx.power.savePassword(hostId, req.powerPassword);
  return {
    ...req.power,
    passwordSet: req.powerPassword !== undefined || before?.passwordSet === true,
  };
}
