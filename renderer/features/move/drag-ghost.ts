// The ghost follows the pointer by a style write per frame, outside React: moving it must not
// render anything.
let node: HTMLElement | null = null;
let at = { x: 0, y: 0 };

/** Ref callback of the drag layer. */
export function attachGhost(element: HTMLElement | null): void {
  node = element;
  placeGhost(at.x, at.y);
}

export function placeGhost(x: number, y: number): void {
  at = { x, y };
  if (node) node.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}
