// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottledQueryData } from './throttled-query';

describe('useThrottledQueryData', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands a burst of cache updates on as one, the last, and at most once per interval', () => {
    const client = new QueryClient();
    client.setQueryData(['k'], 0);
    let renders = 0;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        renders++;
        return useThrottledQueryData<number>(['k'], 250);
      },
      { wrapper },
    );
    expect(result.current).toBe(0);
    const before = renders;
    // A sample round: a thousand events in a row.
    act(() => {
      for (let i = 1; i <= 1000; i++) client.setQueryData(['k'], i);
    });
    act(() => {
      vi.advanceTimersByTime(300);
    });
    expect(result.current).toBe(1000);
    expect(renders - before).toBeLessThanOrEqual(2);
    // Another change soon after waits for the rest of the interval, then lands.
    act(() => {
      client.setQueryData(['k'], 1001);
    });
    act(() => {
      vi.advanceTimersByTime(100);
    });
    expect(result.current).toBe(1000);
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(result.current).toBe(1001);
    // Other queries do not wake it.
    const settled = renders;
    act(() => {
      client.setQueryData(['other'], 1);
    });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(renders).toBe(settled);
  });
});
