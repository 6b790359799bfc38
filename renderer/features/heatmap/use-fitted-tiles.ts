import { useLayoutEffect, useRef, useState } from 'react';
import { scrollParent } from '../../ui/scroll-parent';
import { firstStep, nextStep, TILE_STEPS, type TileStep } from './heat-fit';

/**
 * The tile step for `count` tiles that keeps the groups (in `ref`) inside the visible part of the
 * area that scrolls them: measured after each render of new `groups`, one step smaller while they
 * overflow; back to the first step when that area changes size or the grouping changes. In jsdom
 * there is no layout: the first step.
 */
export function useFittedTiles(count: number, groups: readonly { value: string }[]) {
  const ref = useRef<HTMLDivElement>(null);
  // Another grouping may fit at a bigger size: it starts again from the first step.
  const grouping = groups.map((g) => g.value).join('\n');
  const start = firstStep(count);
  const [fit, setFit] = useState({ start, grouping, step: start, seq: 0 });
  const step = fit.start === start && fit.grouping === grouping ? fit.step : start;

  useLayoutEffect(() => {
    const groups = ref.current;
    const area = scrollParent(groups);
    if (!groups || !area || area.clientHeight === 0) return;
    const padding = parseFloat(getComputedStyle(area).paddingBottom) || 0;
    const bottom = area.getBoundingClientRect().top + area.clientHeight - padding;
    const overflows =
      groups.getBoundingClientRect().bottom > bottom + 0.5 ||
      groups.scrollWidth > groups.clientWidth + 0.5;
    const next = nextStep(step, overflows);
    if (next !== step) setFit({ start, grouping, step: next, seq: fit.seq });
  }, [step, start, grouping, groups, fit.seq]);

  // A bigger or smaller window (or event log) tries again from the first step. The border box,
  // not the content box: a scroll bar coming and going as tiles shrink must not start it over.
  useLayoutEffect(() => {
    const area = scrollParent(ref.current);
    if (!area || typeof ResizeObserver === 'undefined') return;
    let last = `${area.offsetWidth}x${area.offsetHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${area.offsetWidth}x${area.offsetHeight}`;
      if (now === last) return;
      last = now;
      setFit((f) => ({ start, grouping, step: start, seq: f.seq + 1 }));
    });
    observer.observe(area);
    return () => observer.disconnect();
  }, [start, grouping]);

  const chosen: TileStep = TILE_STEPS[step] ?? TILE_STEPS[TILE_STEPS.length - 1]!;
  return { ref, step: chosen };
}
