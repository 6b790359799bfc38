import type { ChartData } from './chart-data';

export interface LegendItem {
  label: string;
  /** The figure in words, or "no sample". */
  text: string;
  /** Colour index (the swatch); undefined for a total. */
  colour?: number;
}

/**
 * What the legend says at one position: each line's figure with its bucket max beside it
 * ("CPU 23 % (max 41 %)"), or each layer's own figure and the stack's total.
 */
export function legendAt(
  data: ChartData,
  index: number,
  format: (value: number) => string,
): LegendItem[] {
  const say = (v: number | null | undefined) =>
    v === null || v === undefined ? 'no sample' : format(v);
  const items: LegendItem[] = [];
  let total: number | null = null;
  data.series.forEach((s, i) => {
    if (s.role === 'max') return;
    const own = (s.shown ?? s.values)[index];
    let text = say(own);
    if (s.role === 'avg') {
      const max = data.series[i + 1];
      const top = max?.role === 'max' && max.colour === s.colour ? max.values[index] : undefined;
      if (top !== null && top !== undefined && own !== null && own !== undefined)
        text += ` (max ${format(top)})`;
    } else {
      total = s.values[index] ?? total;
    }
    items.push({ label: s.label, text, colour: s.colour });
  });
  if (items.length > 1 && data.series.every((s) => s.role === 'stack')) {
    items.push({ label: 'total', text: say(total) });
  }
  return items;
}
