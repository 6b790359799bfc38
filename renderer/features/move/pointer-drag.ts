import { matches } from '../../app/shortcuts';
/** A press that moves less than this is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 4;

export interface PointerDragHandlers {
  /** The pointer passed the threshold: false refuses the drag (the press stays a click). */
  start(x: number, y: number): boolean;
  /** At most once per frame while dragging: where the pointer is, and the element under it. */
  frame(x: number, y: number, under: Element | null): void;
  drop(x: number, y: number, under: Element | null): void;
  cancel(): void;
}

export interface PointerDragEnv {
  hitTest(x: number, y: number): Element | null;
  requestFrame(callback: () => void): number;
  cancelFrame(id: number): void;
}

export const browserEnv: PointerDragEnv = {
  hitTest: (x, y) => document.elementFromPoint(x, y),
  requestFrame: (cb) => window.requestAnimationFrame(cb),
  cancelFrame: (id) => window.cancelAnimationFrame(id),
};

/**
 * Follows one press of `element` as a possible drag: past the threshold the pointer is captured,
 * moves are folded into one `frame` per animation frame, release drops, Escape cancels. The click
 * a drag ends with is swallowed, so dropping a card does not also select it.
 */
export function trackPointerDrag(
  down: PointerEvent,
  element: HTMLElement,
  handlers: PointerDragHandlers,
  env: PointerDragEnv = browserEnv,
): void {
  const { pointerId } = down;
  let state: 'pressed' | 'dragging' | 'cancelled' = 'pressed';
  let x = down.clientX;
  let y = down.clientY;
  let pending: number | null = null;

  const flush = () => {
    pending = null;
    if (state === 'dragging') handlers.frame(x, y, env.hitTest(x, y));
  };
  const onMove = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) return;
    x = event.clientX;
    y = event.clientY;
    if (state === 'pressed') {
      if (Math.hypot(x - down.clientX, y - down.clientY) < DRAG_THRESHOLD_PX) return;
      if (!handlers.start(x, y)) return finish(false);
      state = 'dragging';
      try {
        element.setPointerCapture(pointerId);
      } catch {
        // The pointer is already gone (released between events): the release ends the drag.
      }
    }
    if (state === 'dragging' && pending === null) pending = env.requestFrame(flush);
  };
  const onUp = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) return;
    const was = state;
    if (was === 'dragging') {
      x = event.clientX;
      y = event.clientY;
      handlers.drop(x, y, env.hitTest(x, y));
    }
    finish(was !== 'pressed');
  };
  const onCancel = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) return;
    if (state === 'dragging') handlers.cancel();
    finish(false);
  };
  const onKey = (event: KeyboardEvent) => {
    if (!matches('cancelDrag', event) || state !== 'dragging') return;
    event.preventDefault();
    event.stopPropagation();
    state = 'cancelled';
    handlers.cancel();
  };
  const swallowClick = (event: MouseEvent) => {
    event.stopPropagation();
    event.preventDefault();
  };
  function finish(swallow: boolean) {
    if (pending !== null) env.cancelFrame(pending);
    pending = null;
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
    if (!swallow) return;
    // The click that follows this release, if any, belongs to the drag.
    window.addEventListener('click', swallowClick, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
  }
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
}
