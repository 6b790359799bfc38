// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIdlePreload } from './use-idle-preload';

describe('useIdlePreload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the view when the window is idle, not while it renders', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const load = vi.fn(() => Promise.resolve());
    renderHook(() => useIdlePreload(load));
    expect(load).not.toHaveBeenCalled();
    idle.forEach((run) => run());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a window closed before it was idle loads nothing', () => {
    const cancel = vi.fn();
    vi.stubGlobal('requestIdleCallback', () => 7);
    vi.stubGlobal('cancelIdleCallback', cancel);
    const { unmount } = renderHook(() => useIdlePreload(() => Promise.resolve()));
    unmount();
    expect(cancel).toHaveBeenCalledWith(7);
  });

  it('a failed preload is swallowed: the view says it when opened', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const load = vi.fn(() => Promise.reject(new Error('offline')));
    renderHook(() => useIdlePreload(load));
    idle.forEach((run) => run());
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
