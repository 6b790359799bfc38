import { z } from 'zod';
import { VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';

/** The inventory's settings, all the marks need. */
interface Settings {
  getSetting<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
}

/** Where the console keeps the VMs marked HA (by UUID): in the inventory, so a restart keeps them. */
const HA_SETTING = 'recovery.ha-vms';
/** Marks kept at most (one per VM; a fleet has fewer VMs than this). */
export const MAX_HA_MARKS = 5_000;
const Marks = z.array(VmId).max(MAX_HA_MARKS);

/** The VMs outside any service that a recovery restarts on a survivor when their host fails. */
export function haMarks(inventory: Settings): VmId[] {
  return inventory.getSetting(HA_SETTING, Marks) ?? [];
}

/** Mark (or unmark) one VM; the marks after the change. */
export async function setHaMark(inventory: Settings, vmId: VmId, ha: boolean): Promise<VmId[]> {
  const now = haMarks(inventory).filter((id) => id !== vmId);
  if (ha) {
    if (now.length >= MAX_HA_MARKS) {
      throw new AppError(
        'conflict',
        `Couldn't mark the VM: at most ${MAX_HA_MARKS} VMs can be marked to restart on another host`,
      );
    }
    now.push(vmId);
  }
  await inventory.setSetting(HA_SETTING, now);
  return now;
}
