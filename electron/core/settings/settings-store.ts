import { z } from 'zod';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  Settings,
  SettingsPatch,
} from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import { prometheusUrlWords } from '../../../shared/words/prometheus-words';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { Inventory } from '../inventory/inventory';

/** The inventory key of the settings document. */
export const SETTINGS_KEY = 'console-settings';

/** The console's settings as they are now, changed only through `update`. */
export interface SettingsStore {
  get(): Settings;
  /** Validate, store, then tell the windows and the parts that apply them; refused whole if any value is out of range. */
  update(patch: SettingsPatch): Promise<Settings>;
  /** Called after every stored change (and not for a refused one). */
  onChange(listener: (settings: Settings) => void): () => void;
}

export function createSettingsStore(deps: {
  inventory: Inventory;
  hub: EventHub;
  log: EventLog;
}): SettingsStore {
  let current = load(deps.inventory, deps.log);
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => current,
    async update(patch) {
      const parsed = Settings.safeParse(applySettingsPatch(current, patch));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'invalid-request',
          `${issue?.path.join('.') ?? 'a value'}: ${issue?.message ?? 'not valid'}`,
          { detail: z.prettifyError(parsed.error) },
        );
      }
      // Stored before anything applies it: a failed save changes nothing, here or on disk.
      await deps.inventory.setSetting(SETTINGS_KEY, parsed.data);
      const before = current;
      current = parsed.data;
      deps.log.append({ level: 'info', message: `Settings changed: ${changes(before, current)}` });
      for (const listener of listeners) listener(current);
      deps.hub.emit('settings:changed', current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The stored settings over the defaults: a document from an older console lacks the newer fields
 * and keeps its own; one that does not read is replaced by the defaults, with a log line (the file
 * keeps it until the next change).
 */
function load(inventory: Inventory, log: EventLog): Settings {
  const stored = inventory.getSetting(SETTINGS_KEY, z.unknown());
  if (stored === undefined) return DEFAULT_SETTINGS;
  const patch = SettingsPatch.safeParse(stored);
  const settings = patch.success
    ? Settings.safeParse(applySettingsPatch(DEFAULT_SETTINGS, patch.data))
    : patch;
  if (settings.success) return settings.data;
  log.append({
    level: 'error',
    message: 'The stored settings are not readable: the defaults apply until they are saved again',
    detail: z.prettifyError(settings.error),
  });
  return DEFAULT_SETTINGS;
}

/** "CPU overcommit 4 → 6, confirm moves on → off": what an admin changed, for the event log. */
function changes(before: Settings, after: Settings): string {
  const flat = (s: Settings): Record<string, unknown> => ({
    'CPU overcommit': s.cpuOvercommit,
    'memory overcommit': s.memoryOvercommit,
    'poll interval (s)': s.pollSeconds,
    'sample interval (s)': s.sampleSeconds,
    'event log size': s.eventLogSize,
    'confirm moves': s.confirm.moves ? 'on' : 'off',
    'confirm stop': s.confirm.stop ? 'on' : 'off',
    'confirm delete': s.confirm.delete ? 'on' : 'off',
    Prometheus: s.prometheus.enabled ? 'on' : 'off',
    'Prometheus URL': s.prometheus.url === '' ? 'none' : prometheusUrlWords(s.prometheus.url),
    'Prometheus interval (s)': s.prometheus.intervalSeconds,
    // A count, not the overrides: there may be thousands, and each is in the settings dialog.
    'Prometheus host overrides': Object.keys(s.prometheus.instances).length,
  });
  const a = flat(before);
  const b = flat(after);
  const parts = Object.keys(b)
    .filter((key) => a[key] !== b[key])
    .map((key) => `${key} ${String(a[key])} → ${String(b[key])}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing new';
}
