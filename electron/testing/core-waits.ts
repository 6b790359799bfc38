import type { FleetSnapshot } from '../../shared/contract/requests';
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
