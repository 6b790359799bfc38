import type { WhatIfSession } from '../../../shared/placement';
import type { Namer } from '../../../shared/fleet-placement/namer';

interface Move {
  vm: { id: string; name: string; hostId: string };
  to: string;
}

/**
 * Soft rules a set of moves makes worse: they never refuse a move, but the admin should know
 * ("web-1 joins another VM of web on hv2: soft spread"). Read from where every VM is after all
 * the moves, so two replicas moving apart in one set say nothing.
 */
export function softRuleWarnings(
  session: WhatIfSession,
  moves: readonly Move[],
  names: Namer,
): string[] {
  const { fleet } = session;
  const input = fleet.input;
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const before = new Map<string, string>();
  const appOf = new Map<string, string>();
  for (const vm of input.vms ?? []) {
    appOf.set(vm.id, vm.application);
    if (vm.host !== undefined) before.set(vm.id, vm.host);
  }
  const after = new Map(before);
  for (const m of moves) after.set(m.vm.id, m.to);
  const zone = (host: string): number => fleet.hostZone[fleet.hostIndex.get(host) ?? -1] ?? -1;
  /** VMs of `app` (but `except`) that the placement `where` puts on a host `near` says yes to. */
  const sharing = (
    where: ReadonlyMap<string, string>,
    app: string,
    near: (host: string) => boolean,
    except: string,
  ): string[] =>
    [...where]
      .filter(([vm, host]) => vm !== except && appOf.get(vm) === app && near(host))
      .map(([vm]) => vm);

  const warnings: string[] = [];
  for (const m of moves) {
    const appId = appOf.get(m.vm.id);
    const app = appId === undefined ? undefined : apps.get(appId);
    if (!app || appId === undefined) continue;
    const to = names.host(m.to);
    if (app.spread?.strength === 'soft') {
      const byHost = app.spread.across === 'host';
      const near = (here: string) => (host: string) =>
        byHost ? host === here : zone(host) === zone(here);
      const was = sharing(before, appId, near(m.vm.hostId), m.vm.id);
      const will = sharing(after, appId, near(m.to), m.vm.id);
      if (will.length > was.length) {
        warnings.push(
          `${m.vm.name} joins ${will.map((vm) => names.vm(vm)).join(', ')} (also ${names.application(appId)}) ${byHost ? `on ${to}` : `in ${to}'s zone`}: its soft spread rule prefers them apart`,
        );
      }
    }
    const partner = app.colocate?.strength === 'soft' ? app.colocate.with : undefined;
    if (partner !== undefined) {
      const wasNear = sharing(before, partner, (h) => h === m.vm.hostId, '').length > 0;
      const willBeNear = sharing(after, partner, (h) => h === m.to, '').length > 0;
      if (wasNear && !willBeNear) {
        warnings.push(
          `${m.vm.name} leaves ${names.application(partner)} behind: ${to} runs none (soft co-location)`,
        );
      }
    }
  }
  return warnings;
}
