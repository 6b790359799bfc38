/**
 * Soft rules never refuse a move, but the admin should know which one a move makes worse: the
 * window colours the host amber while a VM is dragged (`softRuleCheck`), the core lists them in a
 * move plan's review (`softRuleWarnings`). Both read the rules here, alike, and return them as
 * data (a `SoftRuleReason`, said by shared/words' `reasonWords`):
 * - `soft-spread`: the VM joins more VMs of its application at the target (host, or zone) than it
 *   had at its source;
 * - `soft-colocate`: its source runs a VM of the partner application, the target none.
 */
import type { SoftRuleReason } from '../domain/reason';
import type { PlacementApplication, PlacementInput, WhatIfSession } from '../placement/index';

type PlacedVm = NonNullable<PlacementInput['vms']>[number];

/** The soft rules of one application (its hard ones refuse a move instead). */
interface SoftRules {
  app: string;
  spread: 'host' | 'zone' | undefined;
  partner: string | undefined;
}

/** Where the VMs that one application's soft rules look at are. */
interface Tally {
  /** Place (host, or zone for a zone spread) → VMs of the application there. */
  siblings: Map<string, string[]>;
  /** Host → how many VMs of the partner application run there. */
  partners: Map<string, number>;
}

/** One VM leaving its source, as the rules read it. */
interface Leaving {
  id: string;
  source: string;
}

const NONE: readonly string[] = [];
const NO_REASON: readonly SoftRuleReason[] = [];

/**
 * Soft rules a move makes worse, for one VM and any target; the VMs of `moving` are counted
 * nowhere (they are in flight). Built once per drag in one pass over the VMs; each host is then a
 * lookup (it runs for every host of the fleet when a drag starts).
 */
export function softRuleCheck(
  session: WhatIfSession,
  vmId: string,
  moving: ReadonlySet<string>,
): (hostId: string) => SoftRuleReason | null {
  const input = session.fleet.input;
  const vms = input.vms ?? [];
  const me = vms.find((v) => v.id === vmId);
  const rules = softRulesOf(me && input.applications.find((a) => a.id === me.application));
  const source = me?.host;
  if (!rules || source === undefined) return () => null;
  const around = tally(session, rules, vms, (vm) =>
    vm.id === vmId || moving.has(vm.id) ? undefined : vm.host,
  );
  const broken = brokenBy(session, rules, { id: vmId, source }, around);
  return (hostId) => (hostId === source ? null : (broken(hostId, around)[0] ?? null));
}

/** A VM to move, as the core's move plans carry it. */
export interface SoftRuleMove {
  vm: { id: string; hostId: string };
  to: string;
}

/**
 * Soft rules a set of moves makes worse, read from where every VM is after all the moves, so two
 * replicas moving apart in one set say nothing.
 */
export function softRuleWarnings(
  session: WhatIfSession,
  moves: readonly SoftRuleMove[],
): SoftRuleReason[] {
  const input = session.fleet.input;
  const vms = input.vms ?? [];
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const appOf = new Map(vms.map((vm) => [vm.id, vm.application]));
  const movedTo = new Map(moves.map((m) => [m.vm.id, m.to]));
  // Before and after the moves, once per application among them.
  const tallies = new Map<string, { before: Tally; after: Tally }>();
  const talliesOf = (rules: SoftRules) => {
    let both = tallies.get(rules.app);
    if (!both) {
      both = {
        before: tally(session, rules, vms, (vm) => vm.host),
        after: tally(session, rules, vms, (vm) => movedTo.get(vm.id) ?? vm.host),
      };
      tallies.set(rules.app, both);
    }
    return both;
  };
  return moves.flatMap((m) => {
    const appId = appOf.get(m.vm.id);
    const rules = softRulesOf(appId === undefined ? undefined : apps.get(appId));
    if (!rules) return [];
    const { before, after } = talliesOf(rules);
    const leaving = { id: m.vm.id, source: m.vm.hostId };
    return brokenBy(session, rules, leaving, before)(m.to, after);
  });
}

function softRulesOf(app: PlacementApplication | undefined): SoftRules | undefined {
  if (!app) return undefined;
  const spread = app.spread?.strength === 'soft' ? app.spread.across : undefined;
  const partner = app.colocate?.strength === 'soft' ? app.colocate.with : undefined;
  return spread === undefined && partner === undefined
    ? undefined
    : { app: app.id, spread, partner };
}

/** A spread rule counts VMs per host, or per zone: the key of a host's place. */
function placeOf(session: WhatIfSession, rules: SoftRules): (host: string) => string {
  const { hostZone, hostIndex } = session.fleet;
  return rules.spread === 'zone'
    ? (host) => `z${hostZone[hostIndex.get(host) ?? -1] ?? -1}`
    : (host) => host;
}

/** One pass over the VMs, each where `hostOf` puts it (undefined: not counted). */
function tally(
  session: WhatIfSession,
  rules: SoftRules,
  vms: readonly PlacedVm[],
  hostOf: (vm: PlacedVm) => string | undefined,
): Tally {
  const place = placeOf(session, rules);
  const siblings = new Map<string, string[]>();
  const partners = new Map<string, number>();
  for (const vm of vms) {
    const host = hostOf(vm);
    if (host === undefined) continue;
    if (rules.spread !== undefined && vm.application === rules.app) {
      const key = place(host);
      const here = siblings.get(key);
      if (here) here.push(vm.id);
      else siblings.set(key, [vm.id]);
    }
    if (rules.partner !== undefined && vm.application === rules.partner) {
      partners.set(host, (partners.get(host) ?? 0) + 1);
    }
  }
  return { siblings, partners };
}

/**
 * The soft rules `vm` breaks by going to a target, the others then where `after` says: what its
 * source was like (`before`) is read once, so each target costs a lookup.
 */
function brokenBy(
  session: WhatIfSession,
  rules: SoftRules,
  vm: Leaving,
  before: Tally,
): (target: string, after: Tally) => readonly SoftRuleReason[] {
  const place = placeOf(session, rules);
  // The VM itself is in a tally that counts it where it stands (the core's); never its own sibling.
  const others = (ids: readonly string[] | undefined) =>
    ids === undefined ? NONE : ids.includes(vm.id) ? ids.filter((id) => id !== vm.id) : ids;
  const was = others(before.siblings.get(place(vm.source))).length;
  const partnerAtSource = (before.partners.get(vm.source) ?? 0) > 0;
  return (target, after) => {
    let broken: SoftRuleReason[] | undefined; // most targets break nothing: no array for them
    const there = after.siblings.get(place(target)) ?? NONE;
    const joins = rules.spread !== undefined && there.length > was ? others(there) : NONE;
    if (rules.spread !== undefined && joins.length > was) {
      (broken ??= []).push({
        code: 'soft-spread',
        vm: vm.id,
        host: target,
        application: rules.app,
        across: rules.spread,
        joins: [...joins],
      });
    }
    if (rules.partner !== undefined && partnerAtSource && (after.partners.get(target) ?? 0) === 0) {
      (broken ??= []).push({ code: 'soft-colocate', vm: vm.id, host: target, with: rules.partner });
    }
    return broken ?? NO_REASON;
  };
}
