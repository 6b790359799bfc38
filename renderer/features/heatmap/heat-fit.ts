import { tileSizeFor, type TileSize } from './HeatTile';

/** A size tiles can be drawn at: the class (large tiles carry words) and the pitch in px. */
export interface TileStep {
  size: TileSize;
  /** Tile width and height, and the gap between tiles. */
  width: number;
  height: number;
  gap: number;
}

/**
 * Biggest first. The map starts at the step its host count asks for (tileSizeFor) and steps down
 * while its groups overflow the space they have: the same fleet on a smaller window, or under a
 * taller event log or banner, keeps every tile on one screen. Never under 10 px: still a target.
 */
export const TILE_STEPS: readonly TileStep[] = [
  { size: 'large', width: 128, height: 46, gap: 8 },
  { size: 'medium', width: 20, height: 20, gap: 4 },
  { size: 'small', width: 16, height: 16, gap: 2 },
  { size: 'small', width: 14, height: 14, gap: 2 },
  { size: 'small', width: 12, height: 12, gap: 2 },
  { size: 'small', width: 10, height: 10, gap: 2 },
];

/** The step a map of `count` tiles starts at: the size tileSizeFor gives it, as drawn before. */
export function firstStep(count: number): number {
  const size = tileSizeFor(count);
  return size === 'large' ? 0 : size === 'medium' ? 1 : 3;
}

/** The next step down while the groups overflow, or the same step at the smallest. */
export function nextStep(step: number, overflows: boolean): number {
  return overflows ? Math.min(TILE_STEPS.length - 1, step + 1) : step;
}

/** A group's box is about square in tiles, wider than tall, so groups sit side by side. */
export function basisFor(count: number, step: TileStep): string {
  const pitch = step.width + step.gap;
  const columns = Math.max(step.size === 'large' ? 2 : 8, Math.ceil(Math.sqrt(count * 2)));
  return `${columns * pitch + 16}px`;
}
