import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { planningView } from '../context/planning-view';
import { planMoves } from '../moves/plan-moves';
import { withFreshPools, withTargetVolumes } from '../moves/fresh-pools';
import { planUndo } from '../moves/plan-undo';
import { setMaintenance } from '../moves/set-maintenance';
import { attempt, hostName, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

type MoveChannels =
  | 'vms:plan-moves'
  | 'hosts:set-maintenance'
  | 'plans:plan-undo'
  | 'paths:list'
  | 'paths:check'
  | 'paths:check-group';

/**
 * Moves, maintenance, undo and migration paths. Every move is checked as one set by the engine
 * and proposed as a plan for review; nothing here touches a VM.
 */
export function moveHandlers(ctx: CoreContext): Pick<Handlers, MoveChannels> {
  const vmName = (id: string): string =>
    ctx.hosts
      .all()
      .flatMap((e) => e.vms)
      .find((vm) => vm.id === id)?.name ?? id;
  return {
    'vms:plan-moves': (req) => {
      const first = req.moves[0];
      const what =
        req.moves.length === 1 && first
          ? `${vmName(first.vmId)} to ${hostName(ctx, first.toHostId)}`
          : `${req.moves.length} VMs`;
      return attempt(`Couldn't plan moving ${what}`, async () => {
        // A pair never probed (a large fleet) is probed now, so a missing path is refused here.
        await ctx.paths.ensure(req.moves.map((m) => ({ from: m.fromHostId, to: m.toHostId })));
        const view = await withFreshPools(ctx, planningView(ctx), req.moves);
        const proposal = planMoves(req.moves, view, {
          ...(req.concurrency === undefined ? {} : { concurrency: req.concurrency }),
        });
        if (!proposal.ok) return proposal;
        return { ok: true, plan: await ctx.plans.propose(proposal.plan) };
      });
    },
    'hosts:set-maintenance': (req) =>
      attempt(
        req.maintenance
          ? `Couldn't put host ${hostName(ctx, req.hostId)} in maintenance`
          : `Couldn't take host ${hostName(ctx, req.hostId)} out of maintenance`,
        () => setMaintenance(ctx, req),
      ),
    'plans:plan-undo': (req) => {
      const done = ctx.plans.get(req.planId);
      return attempt(
        `Couldn't plan undoing ${done ? `"${done.title}"` : `plan ${req.planId}`}`,
        async () => {
          if (!done) throw new AppError('not-found', `no plan with id ${req.planId}`);
          const back = done.steps
            .filter((s) => s.kind === 'migrate' && s.status === 'done' && s.targetHostId)
            .map((s) => ({
              vmId: s.vmId,
              fromHostId: s.targetHostId as HostId,
              toHostId: s.hostId,
            }));
          await ctx.paths.ensure(back.map((m) => ({ from: m.fromHostId, to: m.toHostId })));
          // The pools each VM's disks go back into are read now: a volume of a disk's name that
          // appeared there since (the stale copy kept, another VM's disk) refuses that VM's undo.
          const proposal = planUndo(done, await withTargetVolumes(ctx, planningView(ctx), back));
          if (!proposal.ok) return proposal;
          return { ok: true, plan: await ctx.plans.propose(proposal.plan) };
        },
      );
    },
    'paths:list': () => Promise.resolve(ctx.paths.list()),
    'paths:check': (req) =>
      attempt(
        req.hostId === undefined
          ? "Couldn't check the migration paths"
          : `Couldn't check the migration paths of ${hostName(ctx, req.hostId)}`,
        () => ctx.paths.check(req.hostId),
      ),
    'paths:check-group': (req) =>
      attempt("Couldn't check the migration paths among these hosts", () =>
        ctx.paths.checkGroup(req.hostIds),
      ),
  };
}
