import type { FleetSnapshot } from '../../shared/contract/requests';
import type { PlanId } from '../../shared/domain/ids';
import type { Plan } from '../../shared/domain/plan';
import type { Core } from '../core/core';

/**
 * For core tests: the fleet snapshot once it shows what the test waits for, checked again on every
 * host or VM event instead of sleeping and hoping the fake links have settled. The test's own
 * timeout bounds the wait.
 */
export async function until(
  core: Core,
  ready: (snapshot: FleetSnapshot) => boolean,
): Promise<FleetSnapshot> {
  for (;;) {
    const offs: (() => void)[] = [];
    // Listening before looking: an event between the two is not missed.
    const next = new Promise<void>((wake) => {
      offs.push(core.events.on('hosts:changed', () => wake()));
      offs.push(core.events.on('vms:changed', () => wake()));
    });
    try {
      const snapshot = await core.handlers['fleet:snapshot']({});
      if (ready(snapshot)) return snapshot;
      await next;
    } finally {
      for (const off of offs) off();
    }
  }
}

/** A plan's terminal statuses: nothing more will happen without the admin. */
export function isSettled(plan: Pick<Plan, 'status'>): boolean {
  return ['done', 'failed', 'cancelled', 'interrupted', 'discarded'].includes(plan.status);
}

/** The plan once `test` holds (settled by default), woken by its own events. */
export async function waitPlan(
  core: Core,
  id: PlanId,
  test: (plan: Plan) => boolean = isSettled,
): Promise<Plan> {
  for (;;) {
    let off = (): void => undefined;
    const next = new Promise<void>((wake) => {
      off = core.events.on('plans:changed', (plan) => {
        if (plan.id === id) wake();
      });
    });
    try {
      const plan = (await core.handlers['plans:list']({})).find((p) => p.id === id);
      if (plan && test(plan)) return plan;
      await next;
    } finally {
      off();
    }
  }
}
