import { describe, expect, it } from 'vitest';
import { basisFor, firstStep, nextStep, TILE_STEPS } from './heat-fit';

describe('tiles sized to the space the heat map has', () => {
  it('starts at the size the host count asks for', () => {
    expect(TILE_STEPS[firstStep(4)]?.size).toBe('large');
    expect(TILE_STEPS[firstStep(300)]?.size).toBe('medium');
    expect(TILE_STEPS[firstStep(1000)]).toMatchObject({ size: 'small', width: 14 });
  });

  it('steps down while the groups overflow, and stops at the smallest (10 px, still a target)', () => {
    const last = TILE_STEPS.length - 1;
    expect(nextStep(3, true)).toBe(4);
    expect(nextStep(3, false)).toBe(3);
    expect(nextStep(last, true)).toBe(last);
    expect(TILE_STEPS[last]?.width).toBe(10);
    // Each step is smaller than the one before.
    const pitches = TILE_STEPS.map((s) => s.width + s.gap);
    expect([...pitches].sort((a, b) => b - a)).toEqual(pitches);
  });

  it('gives a group a box about square in tiles at the chosen pitch', () => {
    const small = TILE_STEPS[firstStep(1000)]!;
    // 50 tiles: 10 columns of 16 px, and 16 px of padding and border.
    expect(basisFor(50, small)).toBe('176px');
    expect(basisFor(50, TILE_STEPS[TILE_STEPS.length - 1]!)).toBe('136px');
    expect(basisFor(3, TILE_STEPS[0]!)).toBe(`${3 * 136 + 16}px`);
  });
});
