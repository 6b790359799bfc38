import type { HostId } from '../../../shared/domain/ids';
import type { Plan, PlanStep } from '../../../shared/domain/plan';
import type { PlanNote } from '../../../shared/domain/plan-note';
import { ID_NAMER, type Namer } from '../../../shared/words/namer';
import { planNoteWords } from '../../../shared/words/plan-note-words';
import { newPlan, step } from './plan-builder';

/**
 * The rollback of a plan: the reverse of each of its done steps, later steps undone first. define →
 * destroy (unless a reversed start already forces it off) then undefine; start → destroy; migrate →
 * migrate back (with the disks it copied); shutdown/destroy → start; suspend ↔ resume. set-metadata and undefine cannot be reversed (the old tags
 * and the removed definition are not kept): the plan says so in its warnings.
 */
export function reversePlan(original: Plan, name: (hostId: HostId) => string): Plan {
  const done = original.steps.filter((s) => s.status === 'done');
  const notes: PlanNote[] = [];
  const chains = new Map<string, PlanStep[]>();
  const started = new Set(done.filter((s) => s.kind === 'start').map((s) => s.vmId));
  for (const s of done) {
    const chain = reverseOf(s, name, started.has(s.vmId));
    if (chain.length === 0) notes.push(cannotReverse(s));
    const copied = (s.disks ?? []).map((d) => d.target);
    if (s.kind === 'migrate' && s.targetHostId !== undefined && copied.length > 0) {
      notes.push({ code: 'copy-left', vmName: s.vmName, host: s.targetHostId, disks: copied });
    }
    chain.forEach((r, i) => i > 0 && r.after.push(chain[i - 1]!.id));
    chains.set(s.id, chain);
  }
  for (const s of original.steps) {
    if (s.status === 'unknown') {
      notes.push({ code: 'not-checked', step: s.label });
    }
  }
  // The reverse of a step waits for the reverses of everything that came after it: declared
  // dependents, and earlier-ended steps on the same VM.
  for (const s of done) {
    const first = chains.get(s.id)?.[0];
    if (!first) continue;
    for (const later of done) {
      if (later === s) continue;
      const dependent = later.after.includes(s.id);
      const sameVmLater = later.vmId === s.vmId && order(later) > order(s);
      if (!dependent && !sameVmLater) continue;
      const last = chains.get(later.id)?.at(-1);
      if (last && !first.after.includes(last.id)) first.after.push(last.id);
    }
  }
  const steps = done.reverse().flatMap((s) => chains.get(s.id) ?? []);
  // Hosts are named by the caller's lookup (the registry knows removed hosts' names too).
  const names: Namer = { ...ID_NAMER, host: (id) => name(id as HostId) };
  const warnings = notes.map((note) => planNoteWords(note, names));
  return newPlan({
    kind: 'rollback',
    title: `Roll back “${original.title}”`,
    steps,
    concurrency: original.concurrency,
    extra: { reverses: original.id, ...(warnings.length > 0 ? { warnings } : {}) },
  });
}

function reverseOf(
  s: PlanStep,
  name: (hostId: HostId) => string,
  startReversed: boolean,
): PlanStep[] {
  const on = { hostId: s.hostId, vmId: s.vmId, vmName: s.vmName, ...tags(s) };
  const where = name(s.hostId);
  switch (s.kind) {
    case 'define':
      return [
        ...(startReversed
          ? []
          : [step('destroy', { ...on, label: `Force off ${s.vmName} on ${where}` })]),
        step('undefine', { ...on, label: `Remove ${s.vmName} from ${where}` }),
      ];
    case 'start':
      return [step('destroy', { ...on, label: `Force off ${s.vmName} on ${where}` })];
    case 'shutdown':
    case 'destroy':
      return [step('start', { ...on, label: `Start ${s.vmName} on ${where} again` })];
    case 'migrate':
      if (s.targetHostId === undefined) return [];
      return [
        step('migrate', {
          ...on,
          hostId: s.targetHostId,
          targetHostId: s.hostId,
          // Its local disks go back with it (only the host it is on has them now). Without the
          // list libvirt refuses the move as unsafe. The copy the move left there (when its removal
          // did not run) is written over; the step refuses if a domain there uses it now.
          ...(s.disks === undefined ? {} : { disks: s.disks, ontoOwnCopy: true }),
          label: `Move ${s.vmName} back from ${name(s.targetHostId)} to ${where}`,
        }),
      ];
    case 'suspend':
      return [step('resume', { ...on, label: `Resume ${s.vmName} on ${where}` })];
    case 'resume':
      return [step('suspend', { ...on, label: `Pause ${s.vmName} on ${where} again` })];
    case 'volume-create':
    case 'volume-clone':
      if (s.volume === undefined) return [];
      return [
        step('volume-delete', {
          ...on,
          volume: { pool: s.volume.pool, name: s.volume.name },
          label: `Delete volume “${s.volume.name}” of pool “${s.volume.pool}” on ${where}`,
        }),
      ];
    case 'volume-delete':
    case 'undefine':
    case 'set-metadata':
    case 'snapshot-create':
    case 'snapshot-revert':
    case 'snapshot-delete':
      return [];
  }
}

function cannotReverse(s: PlanStep): PlanNote {
  if (s.kind.startsWith('snapshot-')) return { code: 'snapshot-kept', step: s.label };
  if (s.kind === 'volume-delete') return { code: 'volume-gone', step: s.label };
  return {
    code: s.kind === 'set-metadata' ? 'keeps-tags' : 'not-redefined',
    vmName: s.vmName,
    host: s.hostId,
  };
}

function tags(s: PlanStep): Pick<PlanStep, 'application' | 'service'> {
  return {
    ...(s.application === undefined ? {} : { application: s.application }),
    ...(s.service === undefined ? {} : { service: s.service }),
  };
}

function order(s: PlanStep): number {
  return s.endedAt ?? s.startedAt ?? 0;
}
