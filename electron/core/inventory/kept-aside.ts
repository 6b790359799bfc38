import { z } from 'zod';
import { InventoryNotice } from '../../../shared/domain/inventory-notice';

/** The inventory's settings, all the notices need (inventory.ts imports this module). */
interface Settings {
  getSetting<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
}

/** Where the fresh inventory remembers that an old one was kept aside, until the admin dismisses it. */
const NOTICES_SETTING = 'inventory.kept-aside';
const Notices = z.array(InventoryNotice);

/** The inventory files kept aside that the admin has not dismissed yet, oldest first. */
export function keptAsideNotices(inventory: Settings): InventoryNotice[] {
  return inventory.getSetting(NOTICES_SETTING, Notices) ?? [];
}

export async function rememberKeptAside(
  inventory: Settings,
  notice: InventoryNotice,
): Promise<void> {
  await inventory.setSetting(NOTICES_SETTING, [...keptAsideNotices(inventory), notice]);
}

/** The admin read the notice and starts fresh: the kept files stay on disk, the notice goes. */
export async function dismissKeptAside(inventory: Settings): Promise<void> {
  await inventory.setSetting(NOTICES_SETTING, []);
}
