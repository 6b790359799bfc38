import { useEffect } from 'react';
import { whenIdle } from '../ui/when-idle';

/** How long a busy window waits at most before the preload runs anyway. */
const IDLE_TIMEOUT_MS = 4_000;

/**
 * Runs `load` (a lazy view's import) once the window is idle, so the view's code is in when it is
 * first opened instead of fetched and evaluated after the click. A failure is left to the view's
 * own load, which says so where the view goes.
 */
export function useIdlePreload(load: () => Promise<unknown>): void {
  useEffect(() => {
    // jsdom and old shells have no idle callback: the view loads when opened, as before.
    return whenIdle(() => void load().catch(() => undefined), IDLE_TIMEOUT_MS, 'never');
  }, [load]);
}
