import { describe, expect, it } from 'vitest';
import { MetricSeriesRequest, tierFor } from './metrics';
import { DEFAULT_SETTINGS, Settings } from './settings';

const now = 1_800_000 * 1_000_000;
const HOUR = 3_600_000;

describe('tierFor', () => {
  it('answers the last hour at 10 s, a day at 1 min, a month at 30 min', () => {
    expect(tierFor(now - HOUR, now, now).name).toBe('10s');
    expect(tierFor(now - 24 * HOUR, now, now).name).toBe('1m');
    expect(tierFor(now - 30 * 24 * HOUR, now, now).name).toBe('30m');
  });

  it('takes a coarser tier for a range older than a finer one keeps, however short', () => {
    expect(tierFor(now - 2 * HOUR, now - 2 * HOUR + 60_000, now).name).toBe('1m');
    expect(tierFor(now - 3 * 24 * HOUR, now - 3 * 24 * HOUR + 60_000, now).name).toBe('30m');
  });
});

describe('MetricSeriesRequest', () => {
  it('refuses a range that ends before it starts, and an unknown metric', () => {
    expect(
      MetricSeriesRequest.safeParse({ objectId: 'hv1', metric: 'cpu', from: 2, to: 1 }).success,
    ).toBe(false);
    expect(
      MetricSeriesRequest.safeParse({ objectId: 'hv1', metric: 'gpu', from: 1, to: 2 }).success,
    ).toBe(false);
  });
});

describe('the sample interval setting', () => {
  it('is 10 s by default, from 5 to 300 s', () => {
    expect(DEFAULT_SETTINGS.sampleSeconds).toBe(10);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, sampleSeconds: 4 }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, sampleSeconds: 301 }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, sampleSeconds: 60 }).success).toBe(true);
  });
});
