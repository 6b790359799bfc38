import { z } from 'zod';
import {
  AlertRule,
  MAX_ALERT_RULES,
  WebhookSettings,
  type SaveAlertRuleRequest,
} from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { ALERT_STORE_WORDS } from '../../../shared/words/alert-words';
import type { Inventory } from '../inventory/inventory';
import { DEFAULT_ALERT_RULES } from './default-rules';

/** Settings keys in the inventory: the rules are one small document, like the settings. */
export const RULES_SETTING = 'alert-rules';
export const WEBHOOK_SETTING = 'alert-webhook';
/** Stored rules that did not read, kept (not overwritten by the next save) for the admin. */
export const RULES_ASIDE_SETTING = 'alert-rules-unreadable';

/**
 * The alert rules, kept in the inventory. A console that never saved any has the default rules;
 * once the admin changes one, the whole list is stored, so a deleted default stays deleted.
 */
export class RuleStore {
  private rules: AlertRule[];
  /**
   * Changes run one after another: each builds its list from the rules the previous one stored,
   * so two saves at once keep both (each built from the same old list, one was lost).
   */
  private writes: Promise<unknown> = Promise.resolve();

  /** Stored rules that did not read, written aside before the next save replaces the list. */
  private aside: unknown[] = [];
  private webhookWarned = false;

  constructor(
    private readonly inventory: Pick<Inventory, 'getSetting' | 'setSetting'>,
    private readonly newId: () => string,
    private readonly warn: (message: string, detail?: string) => void = () => undefined,
  ) {
    this.rules = this.load();
  }

  /**
   * The stored rules; one that does not read (a schema tightened since, a hand edit) is set aside
   * with a log line naming it and the others apply, so a save does not lose what the admin made.
   */
  private load(): AlertRule[] {
    const stored = this.inventory.getSetting(RULES_SETTING, z.unknown());
    if (stored === undefined) return [...DEFAULT_ALERT_RULES];
    if (!Array.isArray(stored) || stored.length > MAX_ALERT_RULES) {
      this.aside = [stored];
      this.warn(ALERT_STORE_WORDS.allAside);
      return [...DEFAULT_ALERT_RULES];
    }
    const rules: AlertRule[] = [];
    for (const item of stored as unknown[]) {
      const parsed = AlertRule.safeParse(item);
      if (parsed.success) rules.push(parsed.data);
      else {
        this.aside.push(item);
        const name = (item as { name?: unknown } | null)?.name;
        this.warn(
          ALERT_STORE_WORDS.ruleAside(typeof name === 'string' ? name : JSON.stringify(item)),
          z.prettifyError(parsed.error),
        );
      }
    }
    return rules;
  }

  list(): AlertRule[] {
    return [...this.rules];
  }

  get(id: string): AlertRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  /** Create (no id) or replace a rule. Names are unique: YAML imports match rules by name. */
  save(request: z.output<typeof SaveAlertRuleRequest>): Promise<AlertRule> {
    return this.serial(() => this.saveNow(request));
  }

  private async saveNow(request: z.output<typeof SaveAlertRuleRequest>): Promise<AlertRule> {
    const id = request.id ?? this.newId();
    const old = this.get(id);
    const rule = AlertRule.parse({ ...request, id, ...(old?.builtIn ? { builtIn: true } : {}) });
    if (this.rules.some((r) => r.id !== id && r.name === rule.name))
      throw new AppError('conflict', `a rule named ${rule.name} already exists`);
    if (!old && this.rules.length >= MAX_ALERT_RULES)
      throw new AppError('invalid-request', `a console holds at most ${MAX_ALERT_RULES} rules`);
    await this.store(old ? this.rules.map((r) => (r.id === id ? rule : r)) : [...this.rules, rule]);
    return rule;
  }

  delete(id: string): Promise<AlertRule> {
    return this.serial(() => this.deleteNow(id));
  }

  private async deleteNow(id: string): Promise<AlertRule> {
    const old = this.get(id);
    if (!old) throw new AppError('not-found', `no alert rule with id ${id}`);
    await this.store(this.rules.filter((r) => r.id !== id));
    return old;
  }

  /** Replace rules of the same name, add the others: one save, all or nothing. */
  merge(incoming: readonly AlertRule[]): Promise<AlertRule[]> {
    return this.serial(() => this.mergeNow(incoming));
  }

  private async mergeNow(incoming: readonly AlertRule[]): Promise<AlertRule[]> {
    const byName = new Map(incoming.map((r) => [r.name, r]));
    const kept = this.rules.map((r) => {
      const next = byName.get(r.name);
      if (!next) return r;
      byName.delete(r.name);
      return { ...next, id: r.id, ...(r.builtIn ? { builtIn: true } : {}) };
    });
    const next = [...kept, ...byName.values()];
    if (next.length > MAX_ALERT_RULES)
      throw new AppError('invalid-request', `a console holds at most ${MAX_ALERT_RULES} rules`);
    await this.store(next);
    return next;
  }

  /** The id a rule of this name has (to replace it), or a fresh one. */
  idForName(name: string): string {
    return this.rules.find((r) => r.name === name)?.id ?? this.newId();
  }

  webhook(): WebhookSettings {
    const stored = this.inventory.getSetting(WEBHOOK_SETTING, z.unknown());
    if (stored === undefined) return { url: '', enabled: false };
    const parsed = WebhookSettings.safeParse(stored);
    if (parsed.success) return parsed.data;
    // Off, said once (this is read per delivery); the stored value stays until the admin saves.
    if (!this.webhookWarned) this.warn(ALERT_STORE_WORDS.webhookOff, z.prettifyError(parsed.error));
    this.webhookWarned = true;
    return { url: '', enabled: false };
  }

  async setWebhook(settings: WebhookSettings): Promise<void> {
    await this.inventory.setSetting(WEBHOOK_SETTING, settings);
  }

  /** Run `change` once the changes before it are done (failed or not). */
  private serial<T>(change: () => Promise<T>): Promise<T> {
    const run = this.writes.then(change, change);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async store(next: AlertRule[]): Promise<void> {
    if (this.aside.length > 0) {
      const earlier = this.inventory.getSetting(RULES_ASIDE_SETTING, z.array(z.unknown())) ?? [];
      await this.inventory.setSetting(RULES_ASIDE_SETTING, [...earlier, ...this.aside]);
      this.aside = [];
    }
    await this.inventory.setSetting(RULES_SETTING, next);
    this.rules = next; // only once on disk: a refused save changes nothing
  }
}
