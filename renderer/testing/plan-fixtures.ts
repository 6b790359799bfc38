import type { HostId, PlanId, ServiceId, VmId } from '../../shared/domain/ids';
import type { Plan, PlanStep } from '../../shared/domain/plan';

// Plans shaped like the core's, for the window's component tests.

export function planStep(
  id: string,
  kind: PlanStep['kind'],
  vmName: string,
  hostId: string,
  fields: Partial<PlanStep> = {},
): PlanStep {
  const verb = {
    define: 'Define',
    start: 'Start',
    shutdown: 'Shut down',
    destroy: 'Stop',
    undefine: 'Remove',
    migrate: 'Move',
    'set-metadata': 'Tag',
    suspend: 'Pause',
    resume: 'Resume',
    'snapshot-create': 'Take a snapshot of',
    'snapshot-revert': 'Revert',
    'snapshot-delete': 'Delete a snapshot of',
    'volume-create': 'Create the disk of',
    'volume-clone': 'Copy the disk for',
    'volume-delete': 'Delete the disk of',
  }[kind];
  return {
    id,
    kind,
    label: `${verb} ${vmName} on ${hostId}`,
    hostId: hostId as HostId,
    vmId: `vm-${vmName}` as VmId,
    vmName,
    after: [],
    status: 'pending',
    ...fields,
  };
}

export function makePlan(fields: Partial<Plan> & Pick<Plan, 'kind' | 'steps'>): Plan {
  return {
    id: `plan-${fields.kind}` as PlanId,
    title: `${fields.kind} plan`,
    status: 'review',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    concurrency: 2,
    ...fields,
  };
}

/** Deploy of shop: db first, then web ×2 and api, each defined then started. */
export function deployPlan(serviceId: ServiceId, fields: Partial<Plan> = {}): Plan {
  const steps = [
    planStep('def-db', 'define', 'shop-db-1', 'hv3'),
    planStep('start-db', 'start', 'shop-db-1', 'hv3', { after: ['def-db'] }),
    planStep('def-web1', 'define', 'shop-web-1', 'hv1'),
    planStep('start-web1', 'start', 'shop-web-1', 'hv1', { after: ['def-web1', 'start-db'] }),
    planStep('def-web2', 'define', 'shop-web-2', 'hv2'),
    planStep('start-web2', 'start', 'shop-web-2', 'hv2', { after: ['def-web2', 'start-db'] }),
  ];
  const review = (vmName: string, hostId: string, reason: string) => ({
    vmId: `vm-${vmName}` as VmId,
    vmName,
    hostId: hostId as HostId,
    reason,
    runnersUp: [{ hostId: 'hv2' as HostId, note: 'less memory left (40 % free after)' }],
  });
  return makePlan({
    kind: 'deploy',
    title: 'Deploy shop',
    serviceId,
    steps,
    review: [
      review('shop-db-1', 'hv3', 'most headroom left (memory 71 % free after)'),
      review('shop-web-1', 'hv1', 'spread: no other web here'),
      review('shop-web-2', 'hv2', 'spread: no other web here'),
    ],
    warnings: ['hv4 is not connected: not considered'],
    ...fields,
  });
}
