import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useInView } from '../../ui/use-in-view';
import { useHostVerdict } from './drag-store';
import { verdictLine } from './verdict-words';

/**
 * A host card's verdict while a VM is dragged, in the box of the card's address line (`children`),
 * so nothing shifts under the pointer. This small component is what renders when a drag starts,
 * not the whole card: at 1,000 hosts, re-rendering every card cost most of the drag's start. The
 * card's `data-verdict` (which colours it) is written from here for the same reason. Only cards in
 * view (or near it) take their verdict: one scrolled into view during the drag takes it then.
 */
export function HostVerdictLine(props: { hostId: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [watched, setWatched] = useState<Element | null>(null);
  useLayoutEffect(() => setWatched(cardOf(ref.current)), []);
  const verdict = useHostVerdict(props.hostId, useInView(watched));
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
