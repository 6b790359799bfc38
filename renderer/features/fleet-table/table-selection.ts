/** The rows picked in a table, and the row a Shift-click or Shift+arrow extends from. */
export interface TableSelection {
  ids: readonly string[];
  anchor: string | null;
}

export const NO_SELECTION: TableSelection = { ids: [], anchor: null };

/**
 * What a click on `id` picks, as file managers do: a plain click that row alone; Ctrl (⌘) adds or
 * removes it; Shift the rows from the anchor to it in the table's order (with Ctrl, added to what
 * was picked). `order` is the rows as drawn.
 */
export function clickSelection(
  current: TableSelection,
  id: string,
  order: readonly string[],
  mods: { shift: boolean; ctrl: boolean },
): TableSelection {
  if (mods.shift && current.anchor !== null) {
    const from = order.indexOf(current.anchor);
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
      const ids = mods.ctrl ? [...new Set([...current.ids, ...range])] : range;
      return { ids, anchor: current.anchor };
    }
  }
  if (mods.ctrl) {
    const ids = current.ids.includes(id)
      ? current.ids.filter((x) => x !== id)
      : [...current.ids, id];
    return { ids, anchor: id };
  }
  return { ids: [id], anchor: id };
}
