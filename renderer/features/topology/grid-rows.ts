/**
 * The card grid as rows, for the virtualiser: it lays out rows of cards, and only the rows in view
 * (plus a few) exist in the page. Pure, so the arithmetic is tested without a layout engine.
 */

/** A card's least width and the gap between cards, as the grid's CSS has them. */
export const CARD_MIN_PX = 330;
export const CARD_GAP_PX = 12;

/** How many columns CSS's `repeat(auto-fill, minmax(330px, 1fr))` with a 12 px gap lays out. */
export function columnsFor(width: number, min = CARD_MIN_PX, gap = CARD_GAP_PX): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (min + gap)));
}

export function rowCount(cards: number, columns: number): number {
  return Math.ceil(cards / Math.max(1, columns));
}

/** The row holding the card at `index`, or undefined for none (not in the list). */
export function rowOf(index: number, columns: number): number | undefined {
  return index < 0 ? undefined : Math.floor(index / Math.max(1, columns));
}

/** The cards of row `row`: indexes from .. to (exclusive). */
export function rowSpan(row: number, columns: number, cards: number): [number, number] {
  const from = row * columns;
  return [from, Math.min(cards, from + columns)];
}
