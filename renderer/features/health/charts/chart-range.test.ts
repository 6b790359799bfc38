import { describe, expect, it } from 'vitest';
import { tierFor } from '../../../../shared/domain/metrics';
import { parseFreeRange, rangeWindow, seriesRequest, toFieldText } from './chart-range';

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);

describe('chart ranges', () => {
  it('names the tier that fits each button: 10 s for 1 h, 1 min for 24 h, 30 min for 30 d', () => {
    const tiers = (['1h', '24h', '30d'] as const).map(
      (preset) => seriesRequest('vm-1', 'cpu', { kind: 'preset', preset }, NOW).tier,
    );
    expect(tiers).toEqual(['10s', '1m', '30m']);
  });

  it('keeps the 10 s tier for the last hour even when the core reads its clock a moment later', () => {
    const req = seriesRequest('h', 'cpu', { kind: 'preset', preset: '1h' }, NOW);
    // Left to the core, a request that reaches it 50 ms later would get 1-minute buckets.
    expect(tierFor(req.from, req.to, NOW + 50).name).toBe('1m');
    expect(req.tier).toBe('10s');
  });

  it('leaves a free range to the core, in whole milliseconds', () => {
    const req = seriesRequest('h', 'memory', { kind: 'free', from: 10.4, to: 20.2 }, NOW);
    expect(req).toEqual({ objectId: 'h', metric: 'memory', from: 10, to: 21 });
  });

  it('follows new samples on the last hour only', () => {
    expect(rangeWindow({ kind: 'preset', preset: '1h' }, NOW).live).toBe(true);
    expect(rangeWindow({ kind: 'preset', preset: '24h' }, NOW).live).toBe(false);
    expect(rangeWindow({ kind: 'free', from: 1, to: 2 }, NOW)).toEqual({
      from: 1,
      to: 2,
      live: false,
    });
  });
});

describe('parseFreeRange', () => {
  const field = (ms: number) => toFieldText(ms);
  it('reads two local times and clips the end at now', () => {
    const from = NOW - 3 * 3_600_000;
    const got = parseFreeRange(field(from), field(NOW + 3_600_000), NOW);
    expect(got).toEqual({ from, to: NOW });
  });

  it('says what is wrong with a bad range', () => {
    const error = (from: string, to: string) => {
      const got = parseFreeRange(from, to, NOW);
      return 'error' in got ? got.error : undefined;
    };
    expect(error('', field(NOW))).toMatch(/start/);
    expect(error(field(NOW - 60_000), 'nonsense')).toMatch(/end/);
    expect(error(field(NOW - 60_000), field(NOW - 120_000))).toBe(
      'The range must end after it starts.',
    );
    expect(error(field(NOW + 60_000), field(NOW + 120_000))).toMatch(/future/);
    expect(error(field(NOW - 120_000), `${field(NOW - 120_000)}:30`)).toMatch(/one minute/);
  });
});
