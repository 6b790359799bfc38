// The ghost follows the pointer by a style write per frame, outside React: moving it must not
// render anything.
let node: HTMLElement | null = null;
let at = { x: 0, y: 0 };

/** Ref callback of the drag layer. */
export function attachGhost(element: HTMLElement | null): void {
  node = element;
  placeGhost(at.x, at.y);
}

/** Room the tooltip needs beside and under the pointer before it flips to the other side. */
const TIP_WIDTH = 380;
const TIP_HEIGHT = 180;

export function placeGhost(x: number, y: number): void {
  at = { x, y };
  if (!node) return;
  node.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  // Near the window's right or bottom edge the tooltip goes left of / above the pointer.
  node.classList.toggle('flip-x', x > window.innerWidth - TIP_WIDTH);
  node.classList.toggle('flip-y', y > window.innerHeight - TIP_HEIGHT);
}
