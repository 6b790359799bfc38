import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Alert, MAX_ALERT_HISTORY, type AlertResolution } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../inventory/atomic-file';
import { createSaveQueue } from '../inventory/save-queue';

/** The key of one rule on one object: at most one open alert each (no floods). */
export function alertKey(ruleId: string, object: { kind: string; id: string }): string {
  // JSON, not a separator: a rule id is the client's choice and may hold any character.
  return JSON.stringify([ruleId, object.kind, object.id]);
}

const BookFile = z.object({
  version: z.literal(1),
  open: z.array(Alert),
  history: z.array(Alert),
});

export interface AlertBookOptions {
  /** The JSON file (in the data folder); absent: kept in memory only (tests). */
  file?: string;
  /** Resolved alerts kept, oldest dropped first (default MAX_ALERT_HISTORY). */
  historySize?: number;
  /** A save failed: the log hears of it; the alerts stay in memory and the next save retries. */
  onSaveError?: (error: unknown) => void;
}

/**
 * Open alerts (one per rule and object) and the resolved ones, newest last, bounded. Kept in a
 * file of its own, not the inventory: 2,000 resolved alerts are ~860 KiB of JSON, which in the
 * inventory would be rewritten by every host or rule save (bench/alerts.bench.ts: the inventory's
 * save at 1,000 hosts 7.5 ms, this file's write 24 ms per change). Here only alert changes pay
 * for it, and a burst of changes is one write (saves coalesce: 100 fired alerts, ~56 ms).
 */
export class AlertBook {
  private readonly openByKey = new Map<string, Alert>();
  private readonly resolved: Alert[] = [];
  private readonly historySize: number;
  private readonly queue;
  /** False once the file could not be read: it is not written over (see openAlerts). */
  private writable = true;

  constructor(private readonly options: AlertBookOptions = {}) {
    this.historySize = options.historySize ?? MAX_ALERT_HISTORY;
    const file = options.file;
    this.queue = createSaveQueue(async () => {
      if (file === undefined || !this.writable) return;
      const body = JSON.stringify({ version: 1, open: this.open(), history: this.resolved });
      await writeFileAtomic(file, new TextEncoder().encode(body));
    });
  }

  /** Read what a previous run kept; a damaged file is reported and the book starts empty. */
  async load(): Promise<void> {
    if (this.options.file === undefined) return;
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const parsed = BookFile.safeParse(data);
    if (!parsed.success)
      throw new AppError('parse-error', `the alert history ${this.options.file} is damaged`);
    for (const alert of parsed.data.open)
      this.openByKey.set(alertKey(alert.ruleId, alert.object), alert);
    this.resolved.push(...parsed.data.history.slice(-this.historySize));
  }

  open(): Alert[] {
    return [...this.openByKey.values()];
  }

  openKeys(): IterableIterator<[string, Alert]> {
    return this.openByKey.entries();
  }

  get(key: string): Alert | undefined {
    return this.openByKey.get(key);
  }

  /** Resolved alerts, newest first. */
  history(limit: number): Alert[] {
    return this.resolved.slice(Math.max(0, this.resolved.length - limit)).reverse();
  }

  /** Open `alert` under `key`; an alert already open there is returned unchanged (no duplicate). */
  fire(key: string, alert: Alert): { alert: Alert; opened: boolean } {
    const already = this.openByKey.get(key);
    if (already) return { alert: already, opened: false };
    this.openByKey.set(key, alert);
    this.save();
    return { alert, opened: true };
  }

  /** A firing alert's latest value (kept in memory; written with the next change). */
  update(key: string, patch: Partial<Pick<Alert, 'value' | 'why'>>): Alert | undefined {
    const alert = this.openByKey.get(key);
    if (!alert) return undefined;
    const next = { ...alert, ...patch };
    this.openByKey.set(key, next);
    return next;
  }

  /** Close the alert under `key`; `resolution`: why, when not because its condition cleared. */
  resolve(key: string, at: number, resolution?: AlertResolution): Alert | undefined {
    const alert = this.openByKey.get(key);
    if (!alert) return undefined;
    this.openByKey.delete(key);
    const done: Alert = {
      ...alert,
      status: 'resolved',
      resolvedAt: at,
      ...(resolution === undefined ? {} : { resolution }),
    };
    this.resolved.push(done);
    if (this.resolved.length > this.historySize)
      this.resolved.splice(0, this.resolved.length - this.historySize);
    this.save();
    return done;
  }

  /** Acknowledge an open or resolved alert with a note; a second acknowledgement replaces it. */
  acknowledge(alertId: string, note: string, at: number): Alert {
    for (const [key, alert] of this.openByKey) {
      if (alert.id !== alertId) continue;
      const next: Alert = { ...alert, acknowledged: { at, note } };
      this.openByKey.set(key, next);
      this.save();
      return next;
    }
    const i = this.resolved.findIndex((a) => a.id === alertId);
    const old = this.resolved[i];
    if (old === undefined) throw new AppError('not-found', `no alert with id ${alertId}`);
    const next: Alert = { ...old, acknowledged: { at, note } };
    this.resolved[i] = next;
    this.save();
    return next;
  }

  /** Keep alerts in memory only from now on: the file is left as it is. */
  leaveFileAlone(): void {
    this.writable = false;
  }

  /** Wait for pending writes (stop, tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private save(): void {
    this.queue.save().catch((error: unknown) => this.options.onSaveError?.(error));
  }
}
