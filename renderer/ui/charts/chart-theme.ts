import { useSyncExternalStore } from 'react';

/** The colours a chart draws with, read from the theme's tokens (theme.css) where it sits. */
export interface ChartColours {
  series: string[];
  axis: string;
  grid: string;
}

/** --chart-1 … --chart-6 in theme.css. */
export const CHART_COLOUR_COUNT = 6;

/**
 * Tokens as computed on `element` (so a dark window gets dark-theme colours). Colours live only
 * in theme.css; without it (a test's DOM) lines are grey rather than missing.
 */
export function readChartColours(element: Element): ChartColours {
  const style = getComputedStyle(element);
  const token = (name: string) => style.getPropertyValue(name).trim() || 'gray';
  return {
    series: Array.from({ length: CHART_COLOUR_COUNT }, (_, i) => token(`--chart-${i + 1}`)),
    axis: token('--text-muted'),
    grid: token('--border'),
  };
}

/** `#rrggbb` with an alpha; other colour forms are returned as they are. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (hex === undefined) return colour;
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function subscribe(notify: () => void): () => void {
  const observer = new MutationObserver(notify);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/**
 * The window's theme as set on <html> (theme.ts): charts draw on canvas, which CSS variables do not
 * reach, so a chart redraws with fresh colours when this changes.
 */
export function useThemeStamp(): string {
  return useSyncExternalStore(subscribe, () => document.documentElement.dataset.theme ?? '');
}
