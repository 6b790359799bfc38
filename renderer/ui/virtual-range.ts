/**
 * The rows to render: the virtualiser's (those in view and the overscan) and the pinned ones, in
 * order. Pinned rows hold what must not vanish when scrolled away: the selected card, the card
 * with the keyboard focus (unmounting it would drop the focus to the page), the card a drag started
 * from (it holds the pointer capture).
 */
export function withPinned(
  range: readonly number[],
  pinned: readonly (number | undefined)[],
  count: number,
): number[] {
  const rows = new Set(range);
  for (const row of pinned) if (row !== undefined && row >= 0 && row < count) rows.add(row);
  return [...rows].sort((a, b) => a - b);
}
