import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PlanningView } from '../../../shared/placement-input/build-input';
import { ALERT_STORE_WORDS } from '../../../shared/words/alert-words';
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
    if (error instanceof AppError && error.code === 'parse-error') {
      // Kept aside, not overwritten: the admin can still read what it held.
      const aside = `${file}.damaged-${Date.now()}`;
      const kept = await rename(file, aside).then(
        () => true,
        () => false,
      );
      if (!kept) book.leaveFileAlone();
      warn(
        kept ? ALERT_STORE_WORDS.historyAside(aside) : ALERT_STORE_WORDS.historyStuck(file),
        String(error),
      );
    } else {
      // Not read for another reason (EACCES, EIO, a folder in its place): what it holds may be
      // fine, so it is neither moved nor written over. Alerts go on in memory only, rather than
      // every change refusing to save: alerting matters more than its history, and a refusal per
      // change would flood the log; the line says so once.
      book.leaveFileAlone();
      warn(ALERT_STORE_WORDS.historyUnread, String(error));
    }
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
