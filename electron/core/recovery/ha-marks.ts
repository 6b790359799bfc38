import { z } from 'zod';
import { VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import type { EventSource } from '../events/event-hub';
import { AppError } from '../../../shared/errors';
import { HA_WORDS } from '../../../shared/words/recovery-words';

/** The inventory's settings, all the marks need. */
interface Settings {
  getSetting<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
}

/** Where the console keeps the VMs marked HA (by UUID): in the inventory, so a restart keeps them. */
const HA_SETTING = 'recovery.ha-vms';
/**
 * Marks kept at most (one per VM; a fleet has fewer VMs than this): 5,000 UUIDs, about 190 KB in
 * the inventory. A mark is removed when the console deletes its VM (`marksLeftAfter`); a mark whose
 * VM no host lists now is NOT dropped on its own, since a host down for a week still has its VMs
 * (and a console just started lists none yet). So the cap is the bound, and its refusal says so.
 */
export const MAX_HA_MARKS = 5_000;
const Marks = z.array(VmId).max(MAX_HA_MARKS);

/** The VMs outside any service that a recovery restarts on a survivor when their host fails. */
export function haMarks(inventory: Settings): VmId[] {
  return inventory.getSetting(HA_SETTING, Marks) ?? [];
}

/** Mark (or unmark) one VM; the marks after the change. */
export async function setHaMark(
  inventory: Settings,
  vmId: VmId,
  ha: boolean,
  vmName: string = vmId,
): Promise<VmId[]> {
  const now = haMarks(inventory).filter((id) => id !== vmId);
  if (ha) {
    if (now.length >= MAX_HA_MARKS)
      throw new AppError('conflict', HA_WORDS.full(vmName, MAX_HA_MARKS));
    now.push(vmId);
  }
  await inventory.setSetting(HA_SETTING, now);
  return now;
}

/**
 * The marks left once the console removed VMs: a mark goes when a step of `plan` undefined its VM
 * and no host lists that UUID any more (a copy removed from one host while the VM runs on another,
 * as after a move or a recovery, keeps its mark). Undefined when nothing changes.
 */
export function marksLeftAfter(
  plan: Pick<Plan, 'steps'>,
  marks: readonly VmId[],
  listed: (vmId: VmId) => boolean,
): VmId[] | undefined {
  if (marks.length === 0) return undefined;
  const marked = new Set<string>(marks);
  const gone = new Set<string>(
    plan.steps
      .filter((s) => s.kind === 'undefine' && s.status === 'done' && marked.has(s.vmId))
      .map((s) => s.vmId)
      .filter((id) => !listed(id)),
  );
  return gone.size === 0 ? undefined : marks.filter((id) => !gone.has(id));
}

/** The console's side: after each plan change, the marks of the VMs it deleted are removed. */
export function startHaMarkCleanup(ctx: {
  inventory: Settings;
  hub: EventSource;
  hosts: { all(): readonly { vms: readonly { id: string }[] }[] };
  definitions: { setMarked(ids: Iterable<VmId>): void };
  log: { append(entry: { level: 'warning'; message: string; detail?: string }): unknown };
}): () => void {
  return ctx.hub.on('plans:changed', (plan) => {
    if (!plan.steps.some((s) => s.kind === 'undefine' && s.status === 'done')) return;
    const listed = (vmId: VmId): boolean =>
      ctx.hosts.all().some((e) => e.vms.some((vm) => vm.id === vmId));
    const left = marksLeftAfter(plan, haMarks(ctx.inventory), listed);
    if (left === undefined) return;
    ctx.definitions.setMarked(left);
    ctx.inventory.setSetting(HA_SETTING, left).catch((error: unknown) =>
      ctx.log.append({
        level: 'warning',
        message: "Couldn't forget the restart-on-another-host marks of the VMs just deleted",
        detail: AppError.from(error).message,
      }),
    );
  });
}
