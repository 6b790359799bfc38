import type { HostId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';

/**
 * Two plans must not act on the same VM at once. A plan holds its VMs while it runs, and while it is
 * interrupted (half done) until a rollback of it exists. The plan a rollback reverses is not its rival.
 */
export function refuseConflicts(plan: Plan, all: readonly Plan[]): void {
  const vms = new Set(plan.steps.map((s) => s.vmId));
  const reversed = new Set(all.flatMap((p) => (p.reverses === undefined ? [] : [p.reverses])));
  for (const other of all) {
    if (other.id === plan.id || other.id === plan.reverses) continue;
    const holds =
      other.status === 'running' || (other.status === 'interrupted' && !reversed.has(other.id));
    if (!holds) continue;
    const shared = other.steps.find((s) => vms.has(s.vmId));
    if (shared) {
      throw new AppError(
        'conflict',
        `Couldn't run plan “${plan.title}”: plan “${other.title}” (${other.status}) also acts on ${shared.vmName}; let it finish, cancel it or roll it back first`,
      );
    }
  }
}

/**
 * A proposal on a service waits for the service's other running or interrupted plan: a delete
 * approved while a deploy runs would forget the service under VMs still being defined for it. And a
 * proposal that creates VMs counted the service's replicas on the fleet as it was when planned: once
 * another plan on the service has run a step since, approving would define replicas a second time
 * (Deploy clicked twice, a deploy reviewed before an adopt), so the admin plans it again.
 */
export function refuseStale(plan: Plan, all: readonly Plan[]): void {
  if (plan.serviceId === undefined) return;
  const creates = plan.steps.some((s) => s.kind === 'define');
  for (const other of all) {
    if (other.id === plan.id || other.serviceId !== plan.serviceId) continue;
    if (other.status === 'running' || other.status === 'interrupted') {
      throw new AppError(
        'conflict',
        `Couldn't approve plan “${plan.title}”: plan “${other.title}” on the same service is ${other.status}; let it finish, cancel it or roll it back first`,
      );
    }
    if (creates && other.steps.some((s) => (s.startedAt ?? 0) >= plan.createdAt)) {
      throw new AppError(
        'conflict',
        `Couldn't approve plan “${plan.title}”: plan “${other.title}” acted on the same service since it was planned; discard it and plan again`,
      );
    }
  }
}

/**
 * A proposal that puts VMs on a host (a define there, a migration to it) counted on that host taking
 * VMs: if it entered maintenance since, approving would fill the host being emptied. Plan again.
 */
export function refuseIntoMaintenance(
  plan: Plan,
  inMaintenance: (hostId: HostId) => boolean,
  hostName: (hostId: HostId) => string,
): void {
  for (const step of plan.steps) {
    const into =
      step.kind === 'define'
        ? step.hostId
        : step.kind === 'migrate'
          ? step.targetHostId
          : undefined;
    if (into !== undefined && inMaintenance(into)) {
      throw new AppError(
        'conflict',
        `Couldn't approve plan “${plan.title}”: ${hostName(into)} entered maintenance since it was planned and takes no VMs (${step.vmName}); discard it and plan again`,
        { hostId: into },
      );
    }
  }
}
