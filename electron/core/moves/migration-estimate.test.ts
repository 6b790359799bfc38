import { describe, expect, it } from 'vitest';
import { durationWords, estimateMigrationSeconds } from './migration-estimate';

describe('estimateMigrationSeconds', () => {
  it('counts the fixed cost and the memory at the lab rate, live; a cold move is its definition', () => {
    expect(estimateMigrationSeconds(0, true)).toBe(2);
    expect(estimateMigrationSeconds(1500, true)).toBe(12);
    expect(estimateMigrationSeconds(1500, false)).toBe(0.3);
  });

  it("a source's bandwidth limit below the rate slows the estimate; one above changes nothing", () => {
    expect(estimateMigrationSeconds(1024, true, 8)).toBe(130);
    expect(estimateMigrationSeconds(1500, true, 10_000)).toBe(12);
    expect(estimateMigrationSeconds(1024, false, 8)).toBe(0.3);
    expect(durationWords(estimateMigrationSeconds(1024, true, 8))).toBe('about 2 min');
  });
});
