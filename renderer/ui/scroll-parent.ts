/**
 * The nearest ancestor that scrolls (overflow-y auto or scroll), or null. In jsdom no style sheet
 * is applied, so there is none: callers fall back to drawing everything.
 */
export function scrollParent(element: Element | null): HTMLElement | null {
  for (let el = element?.parentElement ?? null; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') return el;
  }
  return null;
}

/** Where `element` starts in `scroller`'s scrolled content, in px from its top. */
export function offsetWithin(element: Element, scroller: Element): number {
  return (
    element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop
  );
}
