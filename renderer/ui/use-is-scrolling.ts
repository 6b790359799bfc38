import { useState, useSyncExternalStore } from 'react';

/** How long after the last scroll event the page counts as still (as grids commonly wait). */
export const SCROLL_SETTLE_MS = 150;

let scrolling = false;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function onScroll(): void {
  if (!scrolling) {
    scrolling = true;
    notify();
  }
  clearTimeout(timer);
  timer = setTimeout(() => {
    scrolling = false;
    notify();
  }, SCROLL_SETTLE_MS);
}

function subscribe(listener: () => void): () => void {
  // Scroll events do not bubble: one capturing listener on the document hears every scroller.
  if (listeners.size === 0) {
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    document.removeEventListener('scroll', onScroll, { capture: true });
    clearTimeout(timer);
    scrolling = false;
  };
}

/**
 * True while anything in the page scrolls, until SCROLL_SETTLE_MS after its last scroll event.
 * Its users re-render twice a scroll (when it starts and when it settles), never per frame: what
 * may wait for the scroll to settle (new figures, hover) waits, and the frames go to the scroll.
 */
export function useIsScrolling(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => scrolling,
    () => false,
  );
}

/** The page's scrolling, for what is not a component (the event bridge's batchers). */
export interface ScrollWatch {
  /** True while anything in the page scrolls, until SCROLL_SETTLE_MS after its last event. */
  scrolling(): boolean;
  /** `then` once the page is still: at once if it is, else when it settles. */
  whenStill(then: () => void): void;
  stop(): void;
}

/** What a batcher asks of the page: is it scrolling, and tell me when it is still. */
export type ScrollHold = Pick<ScrollWatch, 'scrolling' | 'whenStill'>;

/** Watches the page's scrolling until `stop` (the same listener as useIsScrolling's). */
export function watchPageScroll(): ScrollWatch {
  let waiting: (() => void)[] = [];
  const unsubscribe = subscribe(() => {
    if (scrolling) return;
    const due = waiting;
    waiting = [];
    for (const then of due) then();
  });
  return {
    scrolling: () => scrolling,
    whenStill(then) {
      if (scrolling) waiting.push(then);
      else then();
    },
    stop() {
      waiting = [];
      unsubscribe();
    },
  };
}

/**
 * `value`, except while `hold` is true: then the value it had when the hold began. Once the hold
 * ends, the latest value again.
 */
export function useHeldWhile<T>(hold: boolean, value: T): T {
  const [held, setHeld] = useState(value);
  // React's "adjust state while rendering": the held copy follows the value while not holding.
  if (!hold && held !== value) setHeld(value);
  return hold ? held : value;
}
