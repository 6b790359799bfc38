/**
 * After a jump from the heat map: scroll the host's card into view and put the focus on its name,
 * once the topology has drawn it (a few frames at most; given up after a second).
 */
export function revealHost(hostId: string, frames = 60): void {
  const card = document.querySelector<HTMLElement>(
    `[data-testid="host-card"][data-host-id="${CSS.escape(hostId)}"]`,
  );
  if (card) {
    card.scrollIntoView({ block: 'center' });
    card.querySelector<HTMLElement>('.host-title')?.focus({ preventScroll: true });
    return;
  }
  if (frames > 0) requestAnimationFrame(() => revealHost(hostId, frames - 1));
}
