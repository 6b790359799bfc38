import type { Application, ServiceBundle } from '../../../shared/domain/application';
import type { ApplicationId, HostId, VmId } from '../../../shared/domain/ids';
import type {
  PlacementReview,
  PlanStep,
  Proposal,
  UnplacedReview,
} from '../../../shared/domain/plan';
import {
  buildPlacementInput,
  type PlanningView,
} from '../../../shared/placement-input/build-input';
import { place, type PlacementInput, type PlacementPlan } from '../../../shared/placement';
import { placementChoices } from '../../../shared/services/placement-choices';
import { choiceWords, runnerUpWords } from '../../../shared/words/choice-words';
import { createNamer, type Namer } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';
import { blockedByWords, suggestionWords, unplacedWords } from '../../../shared/words/plan-words';
import { newPlan, newVmId, step } from '../plans/plan-builder';
import { orderByDependencies } from './dependency-steps';
import { domainXml } from './domain-xml';
import { connectedHostIds, newVmNames, vmsOf } from './service-vms';

/**
 * Place a whole service and say how it would be deployed: a `deploy` plan to review (define each
 * missing VM, then start it once the applications it depends on have started), or, if any VM fits
 * nowhere, why, with nothing created. The service's VMs that already exist (tagged with its ids)
 * stay where they are and count as placed; those shut off are started in order too.
 */
export function planDeploy(
  bundle: ServiceBundle,
  fleet: PlanningView,
  newId: () => VmId = newVmId,
): Proposal {
  const { service } = bundle;
  const input = placementInputFor(bundle, fleet);
  const placed = place(input);
  const known = { ...fleet, services: [...fleet.services, bundle] };
  const names = createNamer(known);
  const hostName = names.host;
  const appById = new Map(bundle.applications.map((a) => [a.id as string, a]));
  const ours = (application: string): boolean => appById.has(application);

  const existing = new Set((input.vms ?? []).map((vm) => vm.id));
  const taken = new Set(fleet.vms.map((vm) => vm.name));
  // The engine names new VMs `<app id>-<n>`; ours are `<service>-<app>-<n>`.
  const vmName = new Map<string, string>();
  const nameFor = (engineVm: string, app: Application): string => {
    let name = vmName.get(engineVm);
    if (name === undefined) {
      name = newVmNames(service.name, app.name, 1, taken)[0] ?? engineVm;
      vmName.set(engineVm, name);
    }
    return name;
  };

  const unplaced = placed.unplaced.filter((u) => ours(u.application));
  if (unplaced.length > 0) {
    // Name every VM first: a refusal may name one that is not itself unplaced ("anti-affinity with …").
    for (const a of placed.assignments) {
      const app = appById.get(a.application);
      if (app && !existing.has(a.vm)) nameFor(a.vm, app);
    }
    for (const u of unplaced) {
      const app = appById.get(u.application);
      if (app) nameFor(u.vm, app);
    }
    const named = createNamer(known, vmName);
    return {
      ok: false,
      message: `Service ${service.name} cannot be deployed: nothing was created`,
      unplaced: unplaced.map((u): UnplacedReview => {
        const app = appById.get(u.application);
        return {
          vmName: app ? nameFor(u.vm, app) : u.vm,
          application: u.application as ApplicationId,
          reasons: unplacedWords(u, named),
          suggestions: u.suggestions.map((s) => suggestionWords(s, named)),
          ...(u.blockedBy === undefined
            ? {}
            : { blockedBy: blockedByWords(u.blockedBy.application, named) }),
        };
      }),
    };
  }

  const why = placementChoices(input, placed);
  const defines: PlanStep[] = [];
  const starts: PlanStep[] = [];
  const review: PlacementReview[] = [];
  for (const a of newAssignments(placed, existing)) {
    const app = appById.get(a.application);
    if (!app) continue; // another service's missing replica: not this plan's business
    const name = nameFor(a.vm, app);
    const vmId = newId();
    const hostId = a.host as HostId;
    const common = { hostId, vmId, vmName: name, application: app.id, service: service.id };
    const define = step('define', {
      ...common,
      label: `Define ${name} on ${hostName(hostId)}`,
      xml: domainXml(app, { name, uuid: vmId, service: service.id }),
    });
    defines.push(define);
    starts.push(
      step('start', {
        ...common,
        label: `Start ${name} on ${hostName(hostId)}`,
        after: [define.id],
      }),
    );
    const choice = why.get(a.vm);
    review.push({
      vmId,
      vmName: name,
      application: app.id,
      hostId,
      ...choiceReview(choice, names),
    });
  }
  const connected = connectedHostIds(fleet.hosts);
  for (const vm of vmsOf(bundle, fleet.vms)) {
    if (!connected.has(vm.hostId) || (vm.state !== 'shutoff' && vm.state !== 'crashed')) continue;
    starts.push(
      step('start', {
        label: `Start ${vm.name} on ${hostName(vm.hostId)}`,
        hostId: vm.hostId,
        vmId: vm.id,
        vmName: vm.name,
        service: service.id,
        ...(vm.application === undefined ? {} : { application: vm.application }),
      }),
    );
  }
  orderByDependencies(service, starts, 'dependencies-first');
  const warnings = fleet.hosts
    .filter((h) => h.state !== 'connected')
    .map((h) => planNoteWords({ code: 'host-not-counted', host: h.config.id }, names));
  return {
    ok: true,
    plan: newPlan({
      kind: 'deploy',
      title: `Deploy ${service.name}`,
      steps: [...defines, ...starts],
      extra: { serviceId: service.id, review, ...(warnings.length > 0 ? { warnings } : {}) },
    }),
  };
}

/**
 * The engine's input for this service: the fleet as `buildPlacementInput` sees it, with the
 * service's policy and the fleet's overcommit settings (shut-off VMs count too, so 1:1 would leave
 * a two-core host full with two idle guests). Other services only keep the replicas they already have: an undeployed
 * service must not take room from the one being deployed.
 */
export function placementInputFor(bundle: ServiceBundle, fleet: PlanningView): PlacementInput {
  const services = [...fleet.services.filter((s) => s.service.id !== bundle.service.id), bundle];
  const input = buildPlacementInput({
    hosts: fleet.hosts,
    vms: fleet.vms,
    services,
    paths: fleet.paths,
    mode: bundle.service.policy,
    overcommit: fleet.overcommit,
  });
  const ours = new Set<string>(bundle.applications.map((a) => a.id));
  const count = new Map<string, number>();
  for (const vm of input.vms ?? []) count.set(vm.application, (count.get(vm.application) ?? 0) + 1);
  return {
    ...input,
    applications: input.applications.map((a) =>
      ours.has(a.id) || a.service === undefined ? a : { ...a, replicas: count.get(a.id) ?? 0 },
    ),
  };
}

function newAssignments(plan: PlacementPlan, existing: ReadonlySet<string>) {
  return plan.assignments.filter((a) => !existing.has(a.vm));
}

/** The engine's choice for one VM as a review says it: why this host, and the runners-up. */
export function choiceReview(
  choice: ReturnType<ReturnType<typeof placementChoices>['get']>,
  names: Namer,
): Pick<PlacementReview, 'reason' | 'why' | 'runnersUp'> {
  return {
    reason: choice ? choiceWords(choice.why, names) : 'placed by the engine',
    ...(choice ? { why: choice.why } : {}),
    runnersUp: (choice?.runnersUp ?? []).map((r) => ({
      hostId: r.hostId as HostId,
      note: runnerUpWords(r.hostId, r.why, names),
      why: r.why,
    })),
  };
}
