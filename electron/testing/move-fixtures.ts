import type { Host } from '../../shared/domain/host';
import type { Plan, Proposal } from '../../shared/domain/plan';
import type { Vm } from '../../shared/domain/vm';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { host, vm } from '../../shared/testing/service-fixtures';
import type { PlanningView } from '../core/context/planning-view';

// A fleet written by hand for the move planners: hosts of a given size, VMs of a given size.

export { host, vm };

export function fleetOf(hosts: Host[], vms: Vm[], extra: Partial<PlanningView> = {}): PlanningView {
  return { hosts, vms, services: [], paths: [], overcommit: DEFAULT_SETTINGS, ...extra };
}

export function inMaintenance(h: Host): Host {
  return { ...h, config: { ...h.config, maintenance: true } };
}

export function planOf(proposal: Proposal | undefined): Plan {
  if (!proposal) throw new Error('no proposal');
  if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal, null, 1)}`);
  return proposal.plan;
}

export function refusalOf(proposal: Proposal | undefined) {
  if (!proposal) throw new Error('no proposal');
  if (proposal.ok) throw new Error(`planned: ${proposal.plan.title}`);
  return proposal;
}

export const move = (v: Vm, to: Host) => ({
  vmId: v.id,
  fromHostId: v.hostId,
  toHostId: to.config.id,
});
