import { z } from 'zod';
import { HostId } from './ids';

/** One line of the event log: background failures land here and on a badge, never in a dialog. */
export const LogEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  hostId: HostId.optional(),
  /** The host's name when the line was written: a removed host's lines still name it. */
  hostName: z.string().optional(),
  message: z.string(),
  detail: z.string().optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;
