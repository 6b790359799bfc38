import { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { isUuid } from '../hypervisor/libvirt/parse-domain-list';

/**
 * A plan as the runner accepts it: well-formed, step ids unique, every `after` naming a step of
 * the plan, no cycle, and every define step's XML naming the step's UUID (added when missing), so
 * that a resumed define updates the same domain instead of creating another.
 */
export function validatePlan(input: Plan): Plan {
  const parsed = Plan.safeParse(input);
  if (!parsed.success) {
    throw new AppError('invalid-request', `plan “${input.title}” is not well-formed`, {
      detail: parsed.error.message,
    });
  }
  const plan = parsed.data;
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (ids.has(step.id)) refuse(plan, `two steps have the id ${step.id}`);
    ids.add(step.id);
  }
  for (const step of plan.steps) {
    for (const id of step.after) {
      if (!ids.has(id))
        refuse(plan, `step “${step.label}” waits for ${id}, which is not in the plan`);
    }
    if (step.kind === 'migrate' && step.targetHostId === undefined) {
      refuse(plan, `step “${step.label}” names no target host`);
    }
    if (step.kind.startsWith('snapshot-') && step.snapshot === undefined) {
      refuse(plan, `step “${step.label}” names no snapshot`);
    }
    if (step.kind === 'define') step.xml = withUuid(plan, step.label, step.xml, step.vmId);
  }
  checkAcyclic(plan);
  return plan;
}

function withUuid(plan: Plan, label: string, xml: string | undefined, uuid: string): string {
  if (xml === undefined) refuse(plan, `step “${label}” carries no domain XML`);
  const named = /<uuid>\s*([^<\s]+)\s*<\/uuid>/.exec(xml)?.[1];
  if (named !== undefined) {
    if (named.toLowerCase() !== uuid.toLowerCase()) {
      refuse(plan, `step “${label}”: the XML names UUID ${named}, the step ${uuid}`);
    }
    return xml;
  }
  // Written into the XML as it is: it must be a UUID (libvirt wants one anyway), never markup.
  if (!isUuid(uuid)) refuse(plan, `step “${label}”: its VM id ${uuid} is not a UUID`);
  const open = /<domain\b[^>]*>/.exec(xml);
  if (!open) refuse(plan, `step “${label}”: the XML has no <domain> element`);
  const at = open.index + open[0].length;
  return `${xml.slice(0, at)}\n  <uuid>${uuid}</uuid>${xml.slice(at)}`;
}

function checkAcyclic(plan: Plan): void {
  const after = new Map(plan.steps.map((s) => [s.id, s.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      refuse(plan, `its steps wait for each other in a circle (${id})`);
    state.set(id, 'visiting');
    for (const next of after.get(id) ?? []) visit(next);
    state.set(id, 'done');
  };
  for (const step of plan.steps) visit(step.id);
}

function refuse(plan: Plan, why: string): never {
  throw new AppError('invalid-request', `Couldn't accept plan “${plan.title}”: ${why}`);
}
