import type { Host, HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import type { Proposal } from '../../../shared/domain/plan';
import { requireHost, type CoreContext } from '../context/core-context';
import { planningView } from '../context/planning-view';
import { evacuationTargets, planEvacuation } from './plan-evacuation';
import { withTargetVolumes } from './fresh-pools';

/**
 * hosts:set-maintenance. Entering: the flag is stored first (placement refuses the host from then
 * on, even if no evacuation can be planned), then the evacuation is proposed for review; a host
 * with no VM needs none. Leaving: the flag goes, and an evacuation still waiting for review is
 * discarded (approving it later would empty a host that takes VMs again).
 */
export async function setMaintenance(
  ctx: CoreContext,
  req: { hostId: HostId; maintenance: boolean },
): Promise<{ host: Host; evacuation?: Proposal }> {
  const entry = requireHost(ctx, req.hostId);
  const { maintenance: _was, ...rest } = entry.config;
  const config: HostConfig = req.maintenance ? { ...rest, maintenance: true } : rest;
  // Demo hosts live in memory only; real ones keep the flag across restarts.
  if (config.driver !== 'demo') await ctx.inventory.updateHost(config);
  const host = ctx.hosts.setConfig(config).host;
  await discardPendingEvacuations(ctx, req.hostId);
  const name = config.name;
  ctx.log.append({
    level: 'info',
    hostId: config.id,
    hostName: name,
    message: req.maintenance
      ? `${name}: in maintenance; it takes no new VMs`
      : `${name}: out of maintenance; it takes VMs again`,
  });
  if (!req.maintenance) return { host };

  const peers = ctx.hosts
    .all()
    .filter((e) => e.config.id !== config.id && e.config.driver === config.driver);
  await ctx.paths.ensure(peers.map((e) => ({ from: config.id, to: e.config.id })));
  // The target pools' volumes are read first: a host whose pool holds a volume of a leaving VM's
  // disk name is passed over for that VM (libvirt would write over it).
  const view = planningView(ctx);
  const evacuation = planEvacuation(
    req.hostId,
    await withTargetVolumes(ctx, view, evacuationTargets(req.hostId, view)),
  );
  if (evacuation === undefined) return { host };
  if (!evacuation.ok) {
    ctx.log.append({
      level: 'warning',
      hostId: config.id,
      hostName: name,
      message: evacuation.message,
      detail: evacuation.unplaced.map((u) => `${u.vmName}: ${u.reasons.join('; ')}`).join('\n'),
    });
    if (!evacuation.partial) return { host, evacuation };
    // Proposed for review like a full evacuation: it runs only if the admin chooses it.
    return {
      host,
      evacuation: { ...evacuation, partial: await ctx.plans.propose(evacuation.partial) },
    };
  }
  return { host, evacuation: { ok: true, plan: await ctx.plans.propose(evacuation.plan) } };
}

async function discardPendingEvacuations(ctx: CoreContext, hostId: HostId): Promise<void> {
  const pending = ctx.plans
    .list()
    .filter((p) => p.kind === 'evacuate' && p.hostId === hostId && p.status === 'review');
  for (const plan of pending) await ctx.plans.discard(plan.id);
}
