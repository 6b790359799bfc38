import { z } from 'zod';
import { HostId, PlanId, ServiceId, VmId } from './ids';

/** What a line is about: the window filters and groups by it without reading the words. */
export const LogCategory = z.enum(['vm', 'host', 'plan', 'alert', 'console']);
export type LogCategory = z.infer<typeof LogCategory>;

const Name = z.string().max(1000);

/** One line of the event log: background failures land here and on a badge, never in a dialog. */
export const LogEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  hostId: HostId.optional(),
  /** The host's name when the line was written: a removed host's lines still name it. */
  hostName: Name.optional(),
  message: z.string(),
  detail: z.string().optional(),
  category: LogCategory.optional(),
  /**
   * What happened, as data, within the category: a VM change ('crashed'), a host state
   * ('connected'), a plan's end ('failed'), an alert's turn ('firing'). Lines of one category and
   * kind close together are one burst in the window.
   */
  kind: z.string().max(100).optional(),
  vmId: VmId.optional(),
  /** The VM's name when the line was written (a VM since undefined is still named). */
  vmName: Name.optional(),
  serviceId: ServiceId.optional(),
  planId: PlanId.optional(),
  /** The alert (rule × object) a line is about, so one alert's lines can be followed. */
  alertId: z.string().max(200).optional(),
  /** How a VM change was seen: libvirt's event, or a listing (the backstop poll, the demo). */
  seenBy: z.enum(['event', 'listing']).optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;
export type LogLevel = LogEntry['level'];
