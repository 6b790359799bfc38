/** The search box's id: `/` and Ctrl+F put the focus in it from anywhere in the window. */
export const SEARCH_INPUT_ID = 'fleet-search';

export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
