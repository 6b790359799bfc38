import type { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import { allServices, requireService, saveService } from '../services/service-catalog';
import { planningView } from '../context/planning-view';
import { planAdopt } from '../services/plan-adopt';
import { planDeploy } from '../services/plan-deploy';
import { planDelete, planStart, planStop } from '../services/plan-operate';
import { attempt, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

type ServiceChannels =
  | 'services:list'
  | 'services:save'
  | 'services:plan-deploy'
  | 'services:start'
  | 'services:stop'
  | 'services:plan-delete'
  | 'services:adopt';

/**
 * services:* — definitions (stored as one document each) and the plans that act on their VMs.
 * Deploy and delete are proposed for review; start, stop and adopt run at once.
 */
export function serviceHandlers(ctx: CoreContext): Pick<Handlers, ServiceChannels> {
  const named = (id: ServiceId): string =>
    allServices(ctx).find((b) => b.service.id === id)?.service.name ?? id;
  const adoptTarget = (serviceId: ServiceId, applicationId: ApplicationId): string => {
    const bundle = allServices(ctx).find((b) => b.service.id === serviceId);
    const app = bundle?.applications.find((a) => a.id === applicationId);
    return `${bundle?.service.name ?? serviceId}/${app?.name ?? applicationId}`;
  };
  return {
    'services:list': () => Promise.resolve({ services: allServices(ctx) }),
    'services:save': (bundle) =>
      attempt(`Couldn't save service ${bundle.service.name.trim()}`, () =>
        saveService(ctx, bundle),
      ),
    'services:plan-deploy': (req) =>
      attempt(`Couldn't plan deploying service ${named(req.serviceId)}`, async () => {
        const proposal = planDeploy(requireService(ctx, req.serviceId), planningView(ctx));
        if (!proposal.ok) return proposal;
        return { ok: true, plan: await ctx.plans.propose(proposal.plan) };
      }),
    'services:start': (req) =>
      attempt(`Couldn't start service ${named(req.serviceId)}`, () =>
        ctx.plans.run(planStart(requireService(ctx, req.serviceId), planningView(ctx))),
      ),
    'services:stop': (req) =>
      attempt(`Couldn't stop service ${named(req.serviceId)}`, () =>
        ctx.plans.run(planStop(requireService(ctx, req.serviceId), planningView(ctx))),
      ),
    'services:plan-delete': (req) =>
      attempt(`Couldn't plan deleting service ${named(req.serviceId)}`, () =>
        ctx.plans.propose(planDelete(requireService(ctx, req.serviceId), planningView(ctx))),
      ),
    'services:adopt': (req) =>
      attempt(`Couldn't adopt VMs into ${adoptTarget(req.serviceId, req.applicationId)}`, () => {
        const fleet = planningView(ctx);
        const bundle = requireService(ctx, req.serviceId);
        return ctx.plans.run(planAdopt(fleet.services, bundle, req.applicationId, req.vms, fleet));
      }),
  };
}
