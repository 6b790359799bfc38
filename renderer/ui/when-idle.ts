/**
 * Runs `work` in the browser's next idle period, at the latest after `timeoutMs`; returns a cancel.
 * Without idle callbacks (jsdom, old shells) `orElse` decides: 'soon' runs it on a zero timer,
 * 'never' leaves it undone (for work that is only a head start on what happens anyway later).
 */
export function whenIdle(
  work: () => void,
  timeoutMs: number,
  orElse: 'soon' | 'never',
): () => void {
  if (typeof requestIdleCallback !== 'function') {
    if (orElse === 'never') return () => undefined;
    const timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(work, { timeout: timeoutMs });
  return () => cancelIdleCallback(handle);
}
