import { z } from 'zod';
import { Host } from '../domain/host';
import { HostId } from '../domain/ids';
import { ServiceCatalog } from '../domain/application';
import { InventoryNotice } from '../domain/inventory-notice';
import { LogEntry } from '../domain/log';
import { MigrationPath } from '../domain/migration-path';
import { Plan } from '../domain/plan';
import { Vm } from '../domain/vm';
import { Settings } from '../domain/settings';
import { HostSample } from '../domain/metrics';
import { Alert, AlertRule, MAX_ALERT_RULES, WebhookState } from '../domain/alert';
import { ConsoleId } from '../domain/console';

/** What the desktop window's application menu asks of the window. */
export const MenuCommand = z.enum(['add-host', 'settings', 'shortcuts', 'about']);
export type MenuCommand = z.infer<typeof MenuCommand>;

/**
 * The one list of events the core pushes to the window. Deltas are per host and whole (the full VM
 * list of that host), so that a missed event is healed by the next one and order never matters
 * across hosts.
 */
export const events = {
  'hosts:changed': Host,
  'hosts:removed': z.object({ hostId: HostId }),
  'vms:changed': z.object({ hostId: HostId, vms: z.array(Vm) }),
  'demo:changed': z.object({ enabled: z.boolean() }),
  'log:appended': LogEntry,
  /** A plan was proposed, or one of its steps moved on (status, progress): the whole plan. */
  'plans:changed': Plan,
  /** The service definitions changed: the whole catalogue (it is small). */
  'services:changed': ServiceCatalog,
  /** Host-to-host migration paths: the whole list after any check. */
  'paths:changed': z.array(MigrationPath),
  /** The settings after any change: the whole document. */
  'settings:changed': Settings,
  /** A menu item of the desktop window that needs the window (the web shell has no menu). */
  'app:menu-command': z.object({ command: MenuCommand }),
  /** A host's latest utilisation sample (its VMs with it), after every sample of that host. */
  'metrics:sampled': HostSample,
  /** One alert after any change (fired, value updated, acknowledged, resolved): the whole alert. */
  'alerts:changed': Alert,
  /** An alert opened (for notifications: the badge, a desktop or browser notification). */
  'alerts:fired': Alert,
  'alerts:resolved': Alert,
  /** The rules after any change (save, delete, import): the whole list. */
  'alerts:rules-changed': z.array(AlertRule).max(MAX_ALERT_RULES),
  /** The webhook's settings and delivery status after a change or a delivery attempt. */
  'alerts:webhook-changed': WebhookState,
  /** The inventory notices after a dismiss: every window drops the banner. */
  'inventory:notices-changed': z.array(InventoryNotice),
  /** A serial console's output, base64 (a serial line carries bytes, not always UTF-8). */
  'console:output': z.object({ consoleId: ConsoleId, data: z.string() }),
  /** A console ended: closed by the window, by the guest's side, or with a reason in words. */
  'console:closed': z.object({ consoleId: ConsoleId, message: z.string().optional() }),
} as const;

export type Events = typeof events;
export type EventChannel = keyof Events;
export type EventOf<C extends EventChannel> = z.output<Events[C]>;

export const eventChannels = Object.keys(events) as EventChannel[];
