/**
 * Scrolling the topology while a VM is dragged and the pointer is held near its top or bottom
 * edge: the host a VM goes to may be hundreds of rows away, and the wheel is not at hand mid-drag.
 */

/** How far from the scroller's top or bottom edge (px) the pointer starts the scroll. */
export const EDGE_PX = 60;
/** Speed (px/s) with the pointer on the edge; it grows from 0 at EDGE_PX inside it. */
export const EDGE_SPEED = 1200;
/** Speed (px/s) with the pointer PAST_PX or more beyond the edge (over the bar or log outside). */
export const MAX_SPEED = 10_000;
export const PAST_PX = 120;

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The scroll speed in px/s for a pointer at (x, y) over a scroller at `box`: negative scrolls up,
 * 0 when the pointer is away from the edges or beside the scroller. Inside the edge band it
 * grows with the square of the depth (a gentle start near the band's inner side); past the edge it
 * keeps growing, so the admin can go fast by pushing the pointer out.
 */
export function edgeScrollSpeed(x: number, y: number, box: Box, edge = EDGE_PX): number {
  if (x < box.left || x > box.right) return 0;
  const band = Math.min(edge, (box.bottom - box.top) / 3);
  if (!(band > 0)) return 0;
  const intoTop = box.top + band - y;
  const intoBottom = y - (box.bottom - band);
  const depth = Math.max(intoTop, intoBottom);
  if (depth <= 0) return 0;
  const speed =
    depth <= band
      ? EDGE_SPEED * (depth / band) ** 2
      : EDGE_SPEED + (MAX_SPEED - EDGE_SPEED) * Math.min(1, (depth - band) / PAST_PX);
  return intoTop > 0 ? -speed : speed;
}

/** How far to scroll this frame: speed × the frame's time, the time capped so a stall is no jump. */
export function scrollStep(speed: number, elapsedMs: number): number {
  return (speed * Math.min(elapsedMs, 50)) / 1000;
}

export interface EdgeScroller {
  /** Where the pointer is now: starts, changes or stops the scroll. */
  move(x: number, y: number): void;
  stop(): void;
}

/**
 * Scrolls `scroller` once per frame while the pointer stays in an edge band; `scrolled` is called
 * after each step with the pointer's place, so the host under it is asked again (the cards moved
 * under a pointer that did not).
 */
export function edgeScroller(
  scroller: HTMLElement,
  scrolled: (x: number, y: number) => void,
): EdgeScroller {
  let x = 0;
  let y = 0;
  let handle: number | null = null;
  let last = 0;
  // Slow steps are fractions of a pixel, which scrollTop would round away: they add up here.
  let carry = 0;
  const speedNow = () => edgeScrollSpeed(x, y, scroller.getBoundingClientRect());
  const tick = (now: number) => {
    const speed = speedNow();
    if (speed === 0) {
      handle = null;
      return;
    }
    carry += scrollStep(speed, now - last);
    last = now;
    const whole = Math.trunc(carry);
    carry -= whole;
    const before = scroller.scrollTop;
    if (whole !== 0) scroller.scrollTop = before + whole;
    if (scroller.scrollTop !== before) scrolled(x, y);
    handle = requestAnimationFrame(tick);
  };
  return {
    move(px, py) {
      x = px;
      y = py;
      if (handle !== null || speedNow() === 0) return;
      last = performance.now();
      carry = 0;
      handle = requestAnimationFrame(tick);
    },
    stop() {
      if (handle !== null) cancelAnimationFrame(handle);
      handle = null;
    },
  };
}
