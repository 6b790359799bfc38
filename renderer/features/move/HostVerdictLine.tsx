import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useHostVerdict } from './drag-store';
import { verdictLine } from './verdict-words';

/**
 * A host card's verdict while a VM is dragged, in the box of the card's address line (`children`),
 * so nothing shifts under the pointer. This small component is what renders when a drag starts,
 * not the whole card: at 1,000 hosts, re-rendering every card cost most of the drag's start. The
 * card's `data-verdict` (which colours it) is written from here for the same reason. Every drawn
 * card takes its verdict at once: the grid draws only the rows in view (HostGrid), so that is a few
 * dozen cards at any fleet size, and one scrolled into view mid-drag is drawn with it. (An
 * IntersectionObserver gated this from before the grid was virtualised; it is gone, one thing fewer
 * between a card coming into view and its colour: CI at c410cb2 saw a card in view left uncoloured
 * after an auto-scroll.)
 */
export function HostVerdictLine(props: { hostId: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const verdict = useHostVerdict(props.hostId);
  const kind = verdict?.kind;
  useLayoutEffect(() => {
    const card = cardOf(ref.current);
    if (!card) return;
    if (kind === undefined) delete card.dataset.verdict;
    else card.dataset.verdict = kind;
  }, [kind]);
  return (
    <div ref={ref} className="verdict-slot">
      {verdict && verdict.kind !== 'fits' ? (
        <p
          className={`host-subline verdict-line verdict-line-${verdict.kind}`}
          data-testid="verdict-reason"
          title={[...verdict.reasons, verdict.fix ?? ''].join('\n').trim()}
        >
          {verdictLine(verdict)}
        </p>
      ) : (
        props.children
      )}
    </div>
  );
}

function cardOf(element: Element | null): HTMLElement | null {
  return element?.closest<HTMLElement>('[data-testid="host-card"]') ?? null;
}
