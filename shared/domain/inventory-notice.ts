import { z } from 'zod';

/**
 * The inventory file could not be used at start-up and was kept aside (renamed, never deleted): the
 * console runs on a fresh, empty one. Kept in that fresh inventory until the admin dismisses it, so
 * every window shows it, and again after a restart, until someone has read it.
 */
export const InventoryNotice = z.object({
  /** empty: 0 bytes; damaged: not a database or fails its check; newer: a newer Federator's schema; unreadable: could not be read (permissions, I/O). */
  reason: z.enum(['empty', 'damaged', 'newer', 'unreadable']),
  /** The inventory file (where a restored copy goes). */
  path: z.string(),
  /** Where the old file is now. */
  keptAs: z.string(),
  /** When it was kept aside (ms since the epoch). */
  at: z.number(),
  /** What opening it said ("file is not a database"). */
  detail: z.string().optional(),
});
export type InventoryNotice = z.infer<typeof InventoryNotice>;
