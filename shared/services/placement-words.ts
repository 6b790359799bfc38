import type { PlacementInput } from '../placement/input-types';
import type { CriterionScores, Explanation, PlacementPlan } from '../placement/plan-types';
import { formatMemory } from '../words';
import type { Namer } from '../words/namer';

/** "Why this host, not that one" for one VM of a plan, in words for the review dialog. */
export interface PlacementWords {
  reason: string;
  runnersUp: { hostId: string; note: string }[];
}

/** The names these words need, from the one `Namer`. */
export type Names = Pick<Namer, 'host' | 'application'>;

/**
 * The engine's explanations in words. The engine scores each decision against the fleet as it stood
 * at that moment, so the figures here are replayed in the same order: "memory free after" is what
 * the host had left once this VM (and the ones decided before it) were on it.
 */
export function placementWords(
  input: PlacementInput,
  plan: Pick<PlacementPlan, 'explanations' | 'mode' | 'assignments'>,
  names: Names,
): Map<string, PlacementWords> {
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

  const words = new Map<string, PlacementWords>();
  const pack = plan.mode === 'pack';
  for (const e of plan.explanations) {
    const appId = appOfVm.get(e.vm) ?? '';
    const app = apps.get(appId);
    const size = app?.memoryMiB ?? 0;
    const freeAfter = (host: string): number =>
      (capacity.get(host) ?? 0) - (used.get(host) ?? 0) - size;
    const free = `${formatMemory(freeAfter(e.host))} memory free after`;
    const partner = app?.colocate?.with;
    const extras: string[] = [];
    if (e.criteria.colocate > 0 && partner !== undefined) {
      extras.push(`next to ${names.application(partner)} (co-location)`);
    }
    if (pack && e.criteria.inUse > 0) extras.push('already running VMs');
    const lead =
      e.runnersUp.length === 0
        ? `the only host that keeps every rule: ${free}`
        : pack
          ? `tightest fit: ${free}`
          : `most headroom left: ${free}`;
    words.set(e.vm, {
      reason: [lead, ...extras].join('; '),
      runnersUp: e.runnersUp.map((r) => ({
        hostId: r.host,
        note: `${names.host(r.host)}: ${runnerUpNote(e, r.criteria, {
          pack,
          appName: names.application(appId),
          partner: partner === undefined ? undefined : names.application(partner),
          sameApp: replicas.get(`${r.host}\0${appId}`) ?? 0,
          free: freeAfter(r.host),
        })}`,
      })),
    });
    put(e.host, appId);
  }
  return words;
}

function runnerUpNote(
  chosen: Explanation,
  other: CriterionScores,
  facts: {
    pack: boolean;
    appName: string;
    partner: string | undefined;
    sameApp: number;
    free: number;
  },
): string {
  const notes: string[] = [];
  if (other.spread < chosen.criteria.spread || (other.spread < 0 && facts.sameApp > 0)) {
    const n = facts.sameApp;
    notes.push(`${n} ${facts.appName} replica${n === 1 ? '' : 's'} already there (spread)`);
  }
  if (other.colocate < chosen.criteria.colocate && facts.partner !== undefined) {
    notes.push(`no ${facts.partner} there (co-location)`);
  }
  if (facts.pack && other.inUse < chosen.criteria.inUse) {
    notes.push('runs no VM yet (pack prefers hosts in use)');
  }
  if (other.capacity < chosen.criteria.capacity) {
    notes.push(
      facts.pack
        ? `looser fit: ${formatMemory(facts.free)} memory free after`
        : `less headroom: ${formatMemory(facts.free)} memory free after`,
    );
  }
  if (notes.length === 0) {
    notes.push(
      other.total < chosen.criteria.total
        ? `scored lower (${other.total} against ${chosen.criteria.total})`
        : 'scored the same; the engine keeps the first host in order',
    );
  }
  return notes.join('; ');
}
