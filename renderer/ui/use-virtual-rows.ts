import { startTransition, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { offsetWithin, scrollParent } from './scroll-parent';
import { withPinned } from './virtual-range';

/**
 * How a long list is drawn: `virtual`, only the rows in view plus `overscan` (each measured once
 * drawn, so rows may differ in height); `all`, every row (jsdom, which has no layout to measure,
 * and the bench's baseline); `pending` for the one render before the layout is known.
 */
export type RowsMode = 'pending' | 'virtual' | 'all';

/**
 * Virtualises the rows of a list that scrolls with its nearest scrolling ancestor (not its own
 * box: the topology scrolls in the main area, under its sticky summary bar). `pinned` rows are
 * drawn wherever they are (see withPinned). `width` is the list's, for a grid's columns.
 */
export function useVirtualRows<T extends HTMLElement>(options: {
  /** How many rows, and which are pinned, for the list's width (a grid's columns follow it). */
  layout: (width: number) => {
    count: number;
    pinned?: readonly (number | undefined)[];
    /** A row's identity, for its measured height to follow it (default: its index). */
    keyOf?: (index: number) => string;
  };
  estimateSize: number;
  overscan: number;
  gap?: number;
  /** Draw every row whatever the layout: the unvirtualised baseline. */
  all?: boolean;
}) {
  const { estimateSize, overscan, gap = 0, all = false } = options;
  const listRef = useRef<T>(null);
  // undefined: not looked yet; null: no scrolling ancestor with a height (no layout).
  const [scroller, setScroller] = useState<HTMLElement | null | undefined>(undefined);
  const [margin, setMargin] = useState(0);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const parent = scrollParent(listRef.current);
    const found = parent !== null && parent.clientHeight > 0 ? parent : null;
    const look = () => {
      setWidth(listRef.current?.clientWidth ?? 0);
      setScroller(found);
    };
    // Virtual rows: their first drawing is a transition, a render that yields, not one task with
    // this commit (at 1,000 hosts the topology's first cards took 50-100 ms of the load's longest
    // task). Without layout (jsdom) every row is drawn at once, as before.
    if (found) startTransition(look);
    else look();
  }, []);

  // The list's place in the scrolled content moves when what is above it changes height (the
  // summary bar wraps, a bar appears): the virtualiser needs it to know which rows are in view.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!scroller || !list) return;
    const update = () => {
      setMargin(Math.round(offsetWithin(list, scroller)));
      setWidth(list.clientWidth);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(list.parentElement ?? list);
    observer.observe(list);
    return () => observer.disconnect();
  }, [scroller]);

  const { count, pinned = NONE, keyOf } = options.layout(width);
  const pinnedKey = pinned.join(',');
  const rangeExtractor = useCallback(
    (range: Range) => withPinned(defaultRangeExtractor(range), pinned, range.count),
    // The pinned rows by value: a new array with the same rows keeps the same extractor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pinnedKey],
  );
  const mode: RowsMode = all
    ? 'all'
    : scroller === undefined
      ? 'pending'
      : scroller === null
        ? 'all'
        : 'virtual';
  // eslint-disable-next-line react-hooks/incompatible-library -- it re-renders its owner on scroll, and nothing here memoises what it returns
  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>({
    count,
    getScrollElement: () => scroller ?? null,
    estimateSize: () => estimateSize,
    overscan,
    gap,
    scrollMargin: margin,
    rangeExtractor,
    ...(keyOf ? { getItemKey: keyOf } : {}),
    enabled: mode === 'virtual',
    // React 19 warns about flushSync inside effects; a frame's delay on scroll is not visible.
    useFlushSync: false,
  });
  return { listRef, mode, virtualizer, width };
}

const NONE: readonly never[] = [];
