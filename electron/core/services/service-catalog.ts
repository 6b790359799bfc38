import type { ServiceBundle } from '../../../shared/domain/application';
import type { ServiceId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { validateService } from '../../../shared/services/validate-service';
import type { CoreContext } from '../context/core-context';

/** Every service the console knows: the stored ones, and the demo's sample while it is shown. */
export function allServices(ctx: CoreContext): ServiceBundle[] {
  return [...ctx.inventory.listServices(), ...ctx.demo.services()];
}

/** The service, or a not-found that names what was asked for. */
export function requireService(ctx: CoreContext, id: ServiceId): ServiceBundle {
  const bundle = allServices(ctx).find((b) => b.service.id === id);
  if (!bundle) throw new AppError('not-found', `no service with id ${id}`);
  return bundle;
}

/** Every window hears the whole catalogue after any change (it is small). */
export function publishCatalog(ctx: CoreContext): void {
  ctx.hub.emit('services:changed', { services: allServices(ctx) });
}

/**
 * Validate and store a service as one document. Every application is stamped with the service's id
 * (that is what the placement engine groups by). Renaming after deploy is fine: VMs carry ids.
 */
export async function saveService(ctx: CoreContext, bundle: ServiceBundle): Promise<ServiceBundle> {
  if (ctx.demo.services().some((b) => b.service.id === bundle.service.id)) {
    throw new AppError(
      'invalid-request',
      `${bundle.service.name} is the demo's sample service: it cannot be changed; create a service of your own`,
    );
  }
  const problems = validateService(bundle, allServices(ctx));
  if (problems.length > 0) {
    throw new AppError('invalid-request', problems[0]?.message ?? 'invalid service', {
      detail: problems.map((p) => `${p.path}: ${p.message}`).join('\n'),
    });
  }
  const stored: ServiceBundle = {
    service: { ...bundle.service, name: bundle.service.name.trim() },
    applications: bundle.applications.map((a) => ({
      ...a,
      name: a.name.trim(),
      service: bundle.service.id,
    })),
  };
  await ctx.inventory.saveService(stored);
  publishCatalog(ctx);
  return stored;
}

/**
 * A delete plan that ends `done` forgets its service. Listening to every plan event (not only the
 * one proposed here) also covers a delete plan resumed after a restart. Returns the unsubscribe.
 */
export function forgetDeletedServices(ctx: CoreContext): () => void {
  return ctx.hub.on('plans:changed', (plan: Plan) => {
    if (plan.kind !== 'delete-service' || plan.status !== 'done' || !plan.serviceId) return;
    const id = plan.serviceId;
    if (!ctx.inventory.listServices().some((b) => b.service.id === id)) return;
    ctx.inventory.removeService(id).then(
      () => {
        publishCatalog(ctx);
        ctx.log.append({ level: 'info', message: `${plan.title}: done, definition forgotten` });
      },
      (error: unknown) =>
        ctx.log.append({
          level: 'error',
          message: `${plan.title}: the VMs are gone but the definition could not be forgotten`,
          detail: AppError.from(error).message,
        }),
    );
  });
}
