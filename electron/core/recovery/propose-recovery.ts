import { isWitnessedDown } from '../../../shared/domain/host-witness';
import type { PowerReading } from '../../../shared/domain/power';
import {
  confirmsHost,
  type RecoveryFence,
  type RecoveryProposal,
  type RecoveryRequest,
} from '../../../shared/domain/recovery';
import type { Vm } from '../../../shared/domain/vm';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context/core-context';
import { planningView } from '../context/planning-view';
import { delay } from '../plans/plan-hosts';
import { demoDefinition } from './demo-definition';
import { planRecovery } from './plan-recovery';
import { haMarks } from './ha-marks';
import { optedInVms, startAutoRecovery } from './auto-recovery';
import type { HostId } from '../../../shared/domain/ids';

/** After a power off, how long the BMC gets to say off. */
const FENCE_WAIT_MS = 20_000;

/**
 * "Recover VMs…" on a lost host: the gate, then the plan. A recovery may run only when the host is
 * witnessed down (every peer that answered gets nothing from it) AND it is known off: its BMC says
 * off (powered off now through it if the admin asked, `fence`), or the admin typed its name to
 * confirm they checked. Without that, the plan is still worked out and returned for the review
 * (what would move where), but not journaled, so it cannot be approved.
 */
export async function proposeRecovery(
  ctx: CoreContext,
  req: RecoveryRequest,
): Promise<RecoveryProposal> {
  const entry = ctx.hosts.get(req.hostId);
  if (!entry) throw new AppError('not-found', `no host ${req.hostId}`, { hostId: req.hostId });
  const name = entry.config.name;
  const none: RecoveryFence = { by: 'none' };
  if (entry.host.state === 'connected') {
    return { hostId: req.hostId, fence: none, blocked: { code: 'connected' }, leftOut: [] };
  }
  const witness = entry.host.witness;
  if (!isWitnessedDown(witness)) {
    return {
      hostId: req.hostId,
      fence: none,
      blocked: {
        code: 'not-witnessed',
        ...(witness === undefined ? {} : { verdict: witness.verdict }),
      },
      leftOut: [],
    };
  }
  const fence = await fenceOf(ctx, req);
  const planning = planRecovery(req.hostId, planningView(ctx), definitionsOf(ctx, req.hostId), {
    marked: new Set(haMarks(ctx.inventory)),
  });
  if (fence.by === 'none') {
    const typed = req.confirmName?.trim();
    return {
      hostId: req.hostId,
      fence,
      blocked: { code: 'not-fenced', ...(typed ? { typed } : {}) },
      ...(planning.plan ? { plan: planning.plan } : {}),
      leftOut: planning.leftOut,
    };
  }
  if (fence.by === 'confirmed') {
    ctx.log.append({
      level: 'warning',
      hostId: req.hostId,
      hostName: name,
      message: `The admin confirmed that ${name} is powered off (typed its name) for a recovery of its VMs`,
    });
  }
  const plan = planning.plan ? await ctx.plans.propose(planning.plan) : undefined;
  return { hostId: req.hostId, fence, ...(plan ? { plan } : {}), leftOut: planning.leftOut };
}

/** The XML a recovery defines each VM of the host from: kept before the failure (the demo's made). */
function definitionsOf(ctx: CoreContext, hostId: HostId): (vm: Vm) => string | undefined {
  const demo = ctx.hosts.get(hostId)?.config.driver === 'demo';
  return (vm) => ctx.definitions.get(vm.id)?.xml ?? (demo ? demoDefinition(vm) : undefined);
}

/**
 * The automatic recovery of the started console (opt-in per service, only after fencing through
 * the BMC): what it asks of the fleet, the power service and the plan runner.
 */
export function startCoreAutoRecovery(ctx: CoreContext, graceMs: number): () => void {
  const name = (id: HostId): string => ctx.hosts.get(id)?.config.name ?? id;
  return startAutoRecovery({
    hub: ctx.hub,
    log: ctx.log,
    startedAt: Date.now(),
    now: Date.now,
    graceMs,
    hostName: name,
    hasPower: (id) => ctx.hosts.get(id)?.config.power !== undefined,
    optedIn: (id) => {
      const view = planningView(ctx);
      return optedInVms(
        id,
        view.vms,
        view.services.map((b) => b.service),
      );
    },
    fence: (hostId) => fenceOf(ctx, { hostId, fence: true }),
    async recover(hostId, include) {
      const planning = planRecovery(hostId, planningView(ctx), definitionsOf(ctx, hostId), {
        include,
      });
      const plan = planning.plan ? await ctx.plans.run(planning.plan) : undefined;
      return { ...(plan ? { plan } : {}), leftOut: planning.leftOut };
    },
  });
}

/** Off by the BMC's word (after powering it off, if asked), else by the admin's, else none. */
export async function fenceOf(ctx: CoreContext, req: RecoveryRequest): Promise<RecoveryFence> {
  let reading: PowerReading = await ctx.power.powerState(req.hostId);
  let poweredOff = false;
  if (reading.ok && reading.state === 'on' && req.fence === true) {
    reading = await ctx.power.powerOff(req.hostId);
    poweredOff = reading.ok;
    const started = Date.now();
    while (reading.ok && reading.state !== 'off' && Date.now() - started < FENCE_WAIT_MS) {
      await delay(1_000);
      reading = await ctx.power.powerState(req.hostId);
    }
  }
  const extra = poweredOff ? { poweredOff } : {};
  if (reading.ok && reading.state === 'off') {
    ctx.hosts.setFenced(req.hostId, { at: Date.now(), poweredOff }); // its card says so from now on
    return { by: 'bmc', reading, ...extra };
  }
  const name = ctx.hosts.get(req.hostId)?.config.name ?? req.hostId;
  if (confirmsHost(req.confirmName, name)) return { by: 'confirmed', reading, ...extra };
  return { by: 'none', reading, ...extra };
}
