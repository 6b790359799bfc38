import { describe, expect, it } from 'vitest';
import { SaveAlertRuleRequest } from '../../../shared/domain/alert';
import type { z } from 'zod';
import { RULES_ASIDE_SETTING, RULES_SETTING, RuleStore, WEBHOOK_SETTING } from './rule-store';

/** An inventory whose writes take a moment, as the real one's do (an fsync). */
function slowInventory(stored: Record<string, unknown> = {}) {
  return {
    stored,
    getSetting: <S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined => {
      const parsed = schema.safeParse(stored[key]);
      return stored[key] === undefined || !parsed.success ? undefined : parsed.data;
    },
    setSetting: async (key: string, value: unknown) => {
      await new Promise((r) => setTimeout(r, 5));
      stored[key] = value;
    },
  };
}

const rule = (name: string) =>
  SaveAlertRuleRequest.parse({
    name,
    severity: 'warning',
    condition: { kind: 'state', state: 'host-unreachable' },
  });

describe('RuleStore', () => {
  it('keeps both of two rules saved at once, in memory and stored', async () => {
    const inventory = slowInventory();
    let n = 0;
    const store = new RuleStore(inventory, () => `new-${++n}`);
    const before = store.list().length;
    await Promise.all([store.save(rule('A')), store.save(rule('B'))]);
    expect(store.list().length).toBe(before + 2);
    const names = (inventory.stored[RULES_SETTING] as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(store.list().map((r) => r.name));
    expect(names).toEqual(expect.arrayContaining(['A', 'B']));
  });

  it('refuses the second of two rules of one name saved at once', async () => {
    const store = new RuleStore(slowInventory(), () => String(Math.random()));
    const both = await Promise.allSettled([store.save(rule('A')), store.save(rule('A'))]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(store.list().filter((r) => r.name === 'A')).toHaveLength(1);
  });

  it('keeps the readable stored rules, sets the unreadable ones aside and says which', async () => {
    const good = { ...rule('Mine'), id: 'mine', enabled: true, scope: { kind: 'all' } };
    const bad = { ...good, id: 'odd', name: 'Odd one', severity: 'fatal' };
    const inventory = slowInventory({
      [RULES_SETTING]: [good, bad],
      [WEBHOOK_SETTING]: { url: 'ftp://x', enabled: true },
    });
    const warnings: string[] = [];
    const store = new RuleStore(
      inventory,
      () => 'new',
      (message) => warnings.push(message),
    );
    expect(store.list().map((r) => r.name)).toEqual(['Mine']);
    expect(store.webhook()).toEqual({ url: '', enabled: false });
    store.webhook();
    expect(warnings).toEqual([
      'Stored alert rule Odd one is not readable: set aside, the others apply',
      'The stored alert webhook is not readable: it is off until it is saved again',
    ]);
    await store.save(rule('Next'));
    expect(inventory.stored[RULES_ASIDE_SETTING]).toEqual([bad]);
    expect((inventory.stored[RULES_SETTING] as { name: string }[]).map((r) => r.name)).toEqual([
      'Mine',
      'Next',
    ]);
  });
});
