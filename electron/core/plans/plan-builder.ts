import { randomUUID } from 'node:crypto';
import type { HostId, PlanId, VmId } from '../../../shared/domain/ids';
import type { Plan, PlanKind, PlanStep, StepKind } from '../../../shared/domain/plan';

export const DEFAULT_CONCURRENCY = 2;

export type NewStep = Omit<PlanStep, 'id' | 'status' | 'after'> & { id?: string; after?: string[] };

/** A step as a plan starts it: pending, with an id unique in its plan. */
export function step(kind: StepKind, fields: Omit<NewStep, 'kind'>): PlanStep {
  return {
    ...fields,
    kind,
    id: fields.id ?? randomUUID(),
    after: fields.after ?? [],
    status: 'pending',
  };
}

/** A new plan in review; `run` callers set the status they want. */
export function newPlan(fields: {
  kind: PlanKind;
  title: string;
  steps: PlanStep[];
  concurrency?: number;
  extra?: Partial<
    Pick<Plan, 'serviceId' | 'hostId' | 'reverses' | 'review' | 'warnings' | 'power'>
  >;
}): Plan {
  const now = Date.now();
  return {
    id: randomUUID() as PlanId,
    kind: fields.kind,
    title: fields.title,
    status: 'review',
    createdAt: now,
    updatedAt: now,
    concurrency: fields.concurrency ?? DEFAULT_CONCURRENCY,
    steps: fields.steps,
    ...fields.extra,
  };
}

/** A fresh libvirt UUID for a VM a plan will define: chosen before the step runs, kept in the journal. */
export function newVmId(): VmId {
  return randomUUID() as VmId;
}

export type { HostId };
