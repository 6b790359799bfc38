import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanningView } from '../../../shared/placement-input/build-input';
import type { EventHub } from '../events/event-hub';
import type { EventLog } from '../events/event-log';
import type { Inventory } from '../inventory/inventory';
import { AlertBook } from './alert-book';
import { AlertEngine } from './alert-engine';
import { RuleStore } from './rule-store';
import { WebhookSender, type WebhookOptions } from './webhook';

/** The alerts' file, inside the console's data folder. */
export const ALERTS_FILE = join('alerts', 'alerts.json');

export interface Alerts {
  rules: RuleStore;
  book: AlertBook;
  webhook: WebhookSender;
  engine: AlertEngine;
  stop(): Promise<void>;
}

export interface AlertsDeps {
  dataDir: string;
  inventory: Pick<Inventory, 'getSetting' | 'setSetting'>;
  hub: EventHub;
  log: EventLog;
  fleet: () => PlanningView;
  /** The metrics' sample interval, read live. */
  sampleIntervalMs?: () => number;
  /** Tests: a quicker retry, a fake POST. */
  webhook?: Pick<WebhookOptions, 'retry' | 'post'>;
  tickMs?: number;
}

/**
 * Rules (inventory), the alert book (its own file), the webhook and the engine, for a started core.
 * The engine listens once `engine.start()` is called (the core does it when the context exists).
 */
export async function openAlerts(deps: AlertsDeps): Promise<Alerts> {
  const warn = (message: string, detail?: string): void => {
    deps.log.append({ level: 'warning', message, ...(detail === undefined ? {} : { detail }) });
  };
  const file = join(deps.dataDir, ALERTS_FILE);
  await mkdir(join(deps.dataDir, 'alerts'), { recursive: true, mode: 0o700 });
  const book = new AlertBook({
    file,
    onSaveError: (error) => warn("Couldn't save the alert history", String(error)),
  });
  try {
    await book.load();
  } catch (error) {
    // Kept aside, not overwritten: the admin can still read what it held.
    const aside = `${file}.damaged-${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    warn(
      `The alert history was damaged and kept aside as ${aside}; starting with none`,
      String(error),
    );
  }
  const rules = new RuleStore(deps.inventory, randomUUID, warn);
  const webhook = new WebhookSender({
    settings: () => rules.webhook(),
    onStatus: (status) =>
      deps.hub.emit('alerts:webhook-changed', { settings: rules.webhook(), status }),
    log: (level, message, detail) =>
      deps.log.append({ level, message, ...(detail === undefined ? {} : { detail }) }),
    ...deps.webhook,
  });
  const engine = new AlertEngine({
    hub: deps.hub,
    log: deps.log,
    rules,
    book,
    webhook,
    fleet: deps.fleet,
    newId: randomUUID,
    ...(deps.tickMs === undefined ? {} : { tickMs: deps.tickMs }),
    ...(deps.sampleIntervalMs === undefined ? {} : { sampleIntervalMs: deps.sampleIntervalMs }),
  });
  return {
    rules,
    book,
    webhook,
    engine,
    async stop() {
      engine.stop();
      await book.idle().catch(() => undefined);
    },
  };
}
