import type { RevealRequest } from './reveal-store';

/** Frames to wait for the card to be drawn and to stop moving: about a second and a half. */
const MAX_FRAMES = 90;

/**
 * After the grid has been asked to scroll to a card's row: waits until the card is drawn and has
 * stopped moving (the rows above it are measured as they come into view, which shifts it), centres
 * its title (a host) or itself (a VM) and focuses it. Returns a function that gives up.
 */
export function bringIntoView(root: Element, request: RevealRequest): () => void {
  let frame = 0;
  let lastTop: number | undefined;
  let still = 0;
  let handle = requestAnimationFrame(step);
  function step() {
    const card = findCard(root, request);
    frame++;
    if (card) {
      // The title, not the whole card: a card of many VMs is taller than the view.
      const target = focusTarget(card, request);
      const top = target.getBoundingClientRect().top;
      still = lastTop !== undefined && Math.abs(top - lastTop) < 1 ? still + 1 : 0;
      lastTop = top;
      if (still >= 2 || frame >= MAX_FRAMES) {
        scrollTo(target, 'nearest');
        if (request.focus) target.focus({ preventScroll: true });
        return;
      }
      if (still === 0) scrollTo(target, 'center');
    } else if (frame >= MAX_FRAMES) return;
    handle = requestAnimationFrame(step);
  }
  return () => cancelAnimationFrame(handle);
}

/** The VM's card when it is drawn (not folded away), else its host's. */
function findCard(root: Element, request: RevealRequest): HTMLElement | null {
  const host = root.querySelector<HTMLElement>(
    `[data-testid="host-card"][data-host-id="${CSS.escape(request.hostId)}"]`,
  );
  if (!host || request.vmId === undefined) return host;
  return (
    host.querySelector<HTMLElement>(`[data-vm-id="${CSS.escape(request.vmId)}"]`) ??
    host.querySelector<HTMLElement>('.host-title') ??
    host
  );
}

function focusTarget(card: HTMLElement, request: RevealRequest): HTMLElement {
  if (request.vmId !== undefined && card.dataset.vmId !== undefined) return card;
  return card.querySelector<HTMLElement>('.host-title') ?? card;
}

/** jsdom has no scrollIntoView (nor any layout to scroll). */
function scrollTo(card: HTMLElement, block: ScrollLogicalPosition): void {
  if (typeof card.scrollIntoView === 'function') card.scrollIntoView({ block });
}
