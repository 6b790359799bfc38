import { useLayoutEffect, useRef } from 'react';

/**
 * The table's toolbar and header stay in view under the topology's sticky summary bar, whose
 * height changes as it wraps: `top` follows it.
 */
export function useStickyTop<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const sticky = ref.current;
    const bar = sticky?.closest('.topology')?.querySelector<HTMLElement>('.summary-bar');
    if (!sticky || !bar) return;
    // The bar sticks at -16px (the main area's padding): the header goes right under it.
    const update = () => sticky.style.setProperty('top', `${bar.offsetHeight - 16}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  return ref;
}
