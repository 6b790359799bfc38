import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  overcommitFor,
  Settings,
  SETTING_LIMITS,
  SettingsPatch,
} from './settings';

describe('settings schema', () => {
  it('accepts the defaults and every limit, refuses just past each, naming the range', () => {
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    for (const [key, { min, max }] of Object.entries(SETTING_LIMITS)) {
      for (const ok of [min, max]) {
        expect(Settings.safeParse({ ...DEFAULT_SETTINGS, [key]: ok }).success).toBe(true);
      }
      for (const bad of [min - 0.5, max + 1]) {
        const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, [key]: bad });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.message).toContain(`from ${min} to ${max}`);
      }
    }
  });

  it('takes fractional ratios but whole seconds and lines', () => {
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, cpuOvercommit: 2.5 }).success).toBe(true);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, memoryOvercommit: 1.2 }).success).toBe(true);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, pollSeconds: 2.5 }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, eventLogSize: 150.5 }).success).toBe(false);
  });

  it('a patch changes what it names and keeps the rest, confirmations one by one', () => {
    const patch = SettingsPatch.parse({ pollSeconds: 10, confirm: { stop: false } });
    expect(applySettingsPatch(DEFAULT_SETTINGS, patch)).toEqual({
      ...DEFAULT_SETTINGS,
      pollSeconds: 10,
      confirm: { moves: true, stop: false, delete: true },
    });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { cpuOvercommit: undefined })).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it("a host's own ratio wins over the fleet's, and says so", () => {
    expect(overcommitFor({}, DEFAULT_SETTINGS)).toEqual({
      cpu: 4,
      memory: 1,
      cpuOwn: false,
      memoryOwn: false,
    });
    expect(overcommitFor({ cpuOvercommit: 8 }, DEFAULT_SETTINGS)).toMatchObject({
      cpu: 8,
      cpuOwn: true,
      memory: 1,
    });
  });

  it('says why memory overcommit is risky where the form shows it', () => {
    expect(SETTING_LIMITS.memoryOvercommit.why).toMatch(/swaps|OOM/);
  });
});
