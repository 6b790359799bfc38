import type { Choice } from '../domain/reason';
import type { PlacementInput } from '../placement/input-types';
import type { CriterionScores, Explanation, PlacementPlan } from '../placement/plan-types';

/**
 * "Why this host, not that one" for one VM of a plan, as data for the review dialog: the parts of
 * the chosen host's explanation and of each runner-up's (shared/words' `choiceWords` says them).
 */
export interface PlacementChoice {
  why: Choice[];
  runnersUp: { hostId: string; why: Choice[] }[];
}

/**
 * The engine's explanations as `Choice` data. The engine scores each decision against the fleet as
 * it stood at that moment, so the figures here are replayed in the same order: "memory free after"
 * is what the host had left once this VM (and the ones decided before it) were on it.
 */
export function placementChoices(
  input: PlacementInput,
  plan: Pick<PlacementPlan, 'explanations' | 'mode' | 'assignments'>,
): Map<string, PlacementChoice> {
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const capacity = new Map(input.hosts.map((h) => [h.id, h.capacity.memoryMiB]));
  const used = new Map<string, number>();
  const replicas = new Map<string, number>(); // `${host}\0${app}` → VMs there
  const appOfVm = new Map<string, string>();
  const put = (host: string, app: string): void => {
    used.set(host, (used.get(host) ?? 0) + (apps.get(app)?.memoryMiB ?? 0));
    replicas.set(`${host}\0${app}`, (replicas.get(`${host}\0${app}`) ?? 0) + 1);
  };
  for (const vm of input.vms ?? []) {
    appOfVm.set(vm.id, vm.application);
    if (vm.host !== undefined) put(vm.host, vm.application);
  }
  // New VMs are named `<app>-<n>` by the engine; the assignments say which application each is.
  for (const a of plan.assignments) appOfVm.set(a.vm, a.application);

  const choices = new Map<string, PlacementChoice>();
  const pack = plan.mode === 'pack';
  for (const e of plan.explanations) {
    const appId = appOfVm.get(e.vm) ?? '';
    const app = apps.get(appId);
    const size = app?.memoryMiB ?? 0;
    const freeAfter = (host: string): number =>
      (capacity.get(host) ?? 0) - (used.get(host) ?? 0) - size;
    const freeAfterMiB = freeAfter(e.host);
    const partner = app?.colocate?.with;
    const why: Choice[] = [
      e.runnersUp.length === 0
        ? { code: 'only-host', freeAfterMiB }
        : { code: pack ? 'tightest-fit' : 'most-headroom', freeAfterMiB },
    ];
    if (e.criteria.colocate > 0 && partner !== undefined) {
      why.push({ code: 'next-to', application: partner });
    }
    if (pack && e.criteria.inUse > 0) why.push({ code: 'in-use' });
    choices.set(e.vm, {
      why,
      runnersUp: e.runnersUp.map((r) => ({
        hostId: r.host,
        why: runnerUpChoices(e, r.criteria, {
          pack,
          application: appId,
          partner,
          sameApp: replicas.get(`${r.host}\0${appId}`) ?? 0,
          free: freeAfter(r.host),
          chosenFree: freeAfterMiB,
        }),
      })),
    });
    put(e.host, appId);
  }
  return choices;
}

function runnerUpChoices(
  chosen: Explanation,
  other: CriterionScores,
  facts: {
    pack: boolean;
    application: string;
    partner: string | undefined;
    sameApp: number;
    free: number;
    chosenFree: number;
  },
): Choice[] {
  const why: Choice[] = [];
  if (other.spread < chosen.criteria.spread || (other.spread < 0 && facts.sameApp > 0)) {
    why.push({ code: 'replicas-there', application: facts.application, replicas: facts.sameApp });
  }
  if (other.colocate < chosen.criteria.colocate && facts.partner !== undefined) {
    why.push({ code: 'no-partner', application: facts.partner });
  }
  if (facts.pack && other.inUse < chosen.criteria.inUse) why.push({ code: 'not-in-use' });
  if (other.capacity < chosen.criteria.capacity) {
    why.push({
      code: facts.pack ? 'looser-fit' : 'less-headroom',
      freeAfterMiB: facts.free,
      chosenFreeAfterMiB: facts.chosenFree,
    });
  }
  if (why.length === 0) {
    why.push(
      other.total < chosen.criteria.total
        ? { code: 'scored-lower', score: other.total, chosen: chosen.criteria.total }
        : { code: 'scored-same' },
    );
  }
  return why;
}
