import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../shared/contract/events';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { ApplicationId, ServiceId } from '../../../shared/domain/ids';
import { API, DB, SHOP, WEB, shop } from '../../../shared/testing/service-fixtures';
import { createEventHub } from '../events/event-hub';
import type { CoreContext } from '../context/core-context';
import { newPlan } from '../plans/plan-builder';
import { forgetDeletedServices, saveService } from './service-catalog';

/** The parts of the context the catalogue uses: an in-memory inventory and a real hub. */
function context(stored: ServiceBundle[] = []) {
  const hub = createEventHub((error) => {
    throw error;
  });
  const services = new Map(stored.map((b) => [b.service.id as string, b]));
  const published: EventOf<'services:changed'>[] = [];
  hub.on('services:changed', (event) => published.push(event));
  const logged: string[] = [];
  const ctx = {
    hub,
    inventory: {
      listServices: () => [...services.values()],
      saveService: (b: ServiceBundle) => {
        services.set(b.service.id, b);
        return Promise.resolve();
      },
      removeService: (id: ServiceId) => {
        services.delete(id);
        return Promise.resolve();
      },
    },
    log: { append: (e: { message: string }) => logged.push(e.message) },
    demo: { services: () => [] }, // no demo shown: its sample service is not in the catalogue
  } as unknown as CoreContext;
  return { ctx, services, published, logged, hub };
}

describe('service catalogue', () => {
  it('save refuses an invalid service: first problem as the message, all in the detail', async () => {
    const { ctx, services } = context();
    const bundle = shop();
    const broken: ServiceBundle = {
      ...bundle,
      service: {
        ...bundle.service,
        dependsOn: { [WEB]: [API], [API]: [WEB], [DB]: ['app-x' as ApplicationId] },
      },
    };
    await expect(saveService(ctx, broken)).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'db depends on an application that is not in shop (app-x)',
      detail: expect.stringContaining(
        'service.dependsOn: Dependency cycle: api → web → api',
      ) as unknown,
    });
    expect(services.size).toBe(0);
  });

  it('save stamps each application with its service, trims names, and publishes the catalogue', async () => {
    const { ctx, published } = context();
    const bundle = shop({ name: '  shop  ' });
    const loose = { ...bundle, applications: bundle.applications.map(({ service: _, ...a }) => a) };
    const saved = await saveService(ctx, loose);
    expect(saved.service.name).toBe('shop');
    expect(saved.applications.every((a) => a.service === SHOP)).toBe(true);
    expect(published).toEqual([{ services: [saved] }]);
  });

  it('a delete plan that ends done forgets its service; one that fails does not', async () => {
    const { ctx, services, published, hub } = context([shop()]);
    forgetDeletedServices(ctx);
    const plan = newPlan({
      kind: 'delete-service',
      title: 'Delete shop',
      steps: [],
      extra: { serviceId: SHOP },
    });
    hub.emit('plans:changed', { ...plan, status: 'failed' });
    await Promise.resolve();
    expect(services.has(SHOP)).toBe(true);
    hub.emit('plans:changed', { ...plan, status: 'done' });
    await new Promise((r) => setTimeout(r, 0));
    expect(services.has(SHOP)).toBe(false);
    expect(published).toEqual([{ services: [] }]);
  });
});
