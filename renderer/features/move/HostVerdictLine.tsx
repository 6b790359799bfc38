import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useHostVerdict } from './drag-store';
import { verdictLine } from './verdict-words';

/**
 * A host card's verdict while a VM is dragged, in the box of the card's address line (`children`),
 * so nothing shifts under the pointer. This small component is what renders when a drag starts,
 * not the whole card: at 1,000 hosts, re-rendering every card cost most of the drag's start. The
 * card's `data-verdict` (which colours it) is written from here for the same reason.
 */
export function HostVerdictLine(props: { hostId: string; children: ReactNode }) {
  const verdict = useHostVerdict(props.hostId);
  const ref = useRef<HTMLDivElement>(null);
  const kind = verdict?.kind;
  useLayoutEffect(() => {
    const card = ref.current?.closest<HTMLElement>('[data-testid="host-card"]');
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
