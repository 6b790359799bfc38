import { describe, expect, it } from 'vitest';
import {
  EDGE_PX,
  EDGE_SPEED,
  MAX_SPEED,
  PAST_PX,
  edgeScrollSpeed,
  scrollStep,
} from './edge-scroll';

// The main area of a 1440×900 window under the top bar and above the event log.
const main = { top: 88, bottom: 648, left: 240, right: 1440 };
const x = 800;

describe('scrolling the grid while a VM is dragged near its edge', () => {
  it('does not scroll with the pointer away from the edges or beside the grid', () => {
    expect(edgeScrollSpeed(x, 300, main)).toBe(0);
    expect(edgeScrollSpeed(x, main.top + EDGE_PX, main)).toBe(0);
    expect(edgeScrollSpeed(x, main.bottom - EDGE_PX, main)).toBe(0);
    expect(edgeScrollSpeed(100, main.bottom - 5, main)).toBe(0); // over the host list
  });

  it('scrolls down near the bottom, up near the top, faster the closer to the edge', () => {
    const slow = edgeScrollSpeed(x, main.bottom - 40, main);
    const fast = edgeScrollSpeed(x, main.bottom - 5, main);
    expect(slow).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(slow);
    expect(edgeScrollSpeed(x, main.bottom, main)).toBeCloseTo(EDGE_SPEED);
    expect(edgeScrollSpeed(x, main.top + 5, main)).toBeCloseTo(-fast);
  });

  it('goes on faster past the edge, up to a ceiling', () => {
    const past = edgeScrollSpeed(x, main.bottom + PAST_PX / 2, main);
    expect(past).toBeGreaterThan(EDGE_SPEED);
    expect(past).toBeLessThan(MAX_SPEED);
    expect(edgeScrollSpeed(x, main.bottom + 5 * PAST_PX, main)).toBe(MAX_SPEED);
    expect(edgeScrollSpeed(x, main.top - 5 * PAST_PX, main)).toBe(-MAX_SPEED);
  });

  it('narrows the bands in a short area, so its middle never scrolls', () => {
    const short = { top: 0, bottom: 90, left: 0, right: 500 };
    expect(edgeScrollSpeed(250, 45, short)).toBe(0);
    expect(edgeScrollSpeed(250, 85, short)).toBeGreaterThan(0);
  });

  it('moves speed × frame time, a stalled frame counting as 50 ms', () => {
    expect(scrollStep(1200, 16)).toBeCloseTo(19.2);
    expect(scrollStep(-1200, 16)).toBeCloseTo(-19.2);
    expect(scrollStep(1200, 2000)).toBeCloseTo(60);
  });
});
