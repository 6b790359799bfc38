import { z } from 'zod';
import { HostId } from './ids';

/** One line of the event log: background failures land here and on a badge, never in a dialog. */
export const LogEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  hostId: HostId.optional(),
  message: z.string(),
  detail: z.string().optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;
