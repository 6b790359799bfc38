import { useEffect, useState } from 'react';

/**
 * Whether an element is on screen (or within MARGIN of it), from one IntersectionObserver shared by
 * every caller: at 1,000 host cards, colouring only those in view is what keeps a drag's start
 * within a few frames (setting the colour of all of them cost ~90 ms of style and layout alone).
 * Where there is no IntersectionObserver (jsdom), everything counts as in view.
 */
const MARGIN = '256px';

const listeners = new WeakMap<Element, (inView: boolean) => void>();
let observer: IntersectionObserver | undefined;

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: MARGIN },
  );
  return observer;
}

export function useInView(element: Element | null): boolean {
  const supported = typeof IntersectionObserver !== 'undefined';
  const [inView, setInView] = useState(!supported);
  useEffect(() => {
    if (!supported || !element) return;
    const watcher = sharedObserver();
    listeners.set(element, setInView);
    watcher.observe(element);
    return () => {
      watcher.unobserve(element);
      listeners.delete(element);
    };
  }, [element, supported]);
  return inView;
}
