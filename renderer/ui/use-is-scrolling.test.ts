// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SCROLL_SETTLE_MS,
  useHeldWhile,
  useIsScrolling,
  watchPageScroll,
} from './use-is-scrolling';

const scrollSomething = () => {
  const box = document.createElement('div');
  document.body.append(box);
  // Scroll events do not bubble: heard only by the document's capturing listener.
  act(() => void box.dispatchEvent(new Event('scroll', { bubbles: false })));
  box.remove();
};

describe('useIsScrolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is true from an element's first scroll event until it has been still for SCROLL_SETTLE_MS", () => {
    let renders = 0;
    const { result, unmount } = renderHook(() => {
      renders++;
      return useIsScrolling();
    });
    expect(result.current).toBe(false);
    scrollSomething();
    expect(result.current).toBe(true);
    const afterStart = renders;
    for (let i = 0; i < 5; i++) {
      act(() => {
        vi.advanceTimersByTime(SCROLL_SETTLE_MS - 50);
      });
      scrollSomething();
    }
    expect(result.current).toBe(true);
    expect(renders).toBe(afterStart); // not one render per scroll event
    act(() => {
      vi.advanceTimersByTime(SCROLL_SETTLE_MS);
    });
    expect(result.current).toBe(false);
    unmount();
  });
});

describe('watchPageScroll', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says the page scrolls until it settles, and runs what waits for stillness then, once', () => {
    const page = watchPageScroll();
    const ran: string[] = [];
    page.whenStill(() => ran.push('still at once'));
    expect(ran).toEqual(['still at once']);
    scrollSomething();
    expect(page.scrolling()).toBe(true);
    page.whenStill(() => ran.push('after the scroll'));
    vi.advanceTimersByTime(SCROLL_SETTLE_MS - 50);
    scrollSomething(); // still scrolling: the wait goes on
    vi.advanceTimersByTime(SCROLL_SETTLE_MS - 50);
    expect(ran).toEqual(['still at once']);
    vi.advanceTimersByTime(50);
    expect(page.scrolling()).toBe(false);
    expect(ran).toEqual(['still at once', 'after the scroll']);
    scrollSomething();
    vi.advanceTimersByTime(SCROLL_SETTLE_MS);
    expect(ran).toHaveLength(2);
    page.stop();
  });

  it('after stop, runs nothing that waited and no longer listens', () => {
    const page = watchPageScroll();
    scrollSomething();
    page.whenStill(() => {
      throw new Error('ran after stop');
    });
    page.stop();
    vi.advanceTimersByTime(SCROLL_SETTLE_MS);
    scrollSomething();
    expect(page.scrolling()).toBe(false);
  });
});

describe('useHeldWhile', () => {
  it('keeps the value the hold began with, and takes the latest once it ends', () => {
    const { result, rerender } = renderHook(
      ({ hold, value }: { hold: boolean; value: string }) => useHeldWhile(hold, value),
      { initialProps: { hold: false, value: 'a' } },
    );
    expect(result.current).toBe('a');
    rerender({ hold: true, value: 'b' });
    expect(result.current).toBe('a');
    rerender({ hold: true, value: 'c' });
    expect(result.current).toBe('a');
    rerender({ hold: false, value: 'c' });
    expect(result.current).toBe('c');
    rerender({ hold: false, value: 'd' });
    expect(result.current).toBe('d');
  });
});
