import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { matches } from '../../app/shortcuts';
import { Dialog } from '../../ui/Dialog';
import { useDragStore } from './drag-store';
import type { MoveContext } from './move-context';
import { useMoveContext } from './use-move-context';
import { useProposeMoves } from './use-propose-moves';
import { verdictLine } from './verdict-words';
import { dragVerdicts, hoverAnswer, VERDICT_RANK, type HostVerdict } from './verdicts';

/** The shortcuts of moving VMs, said once where they are used. */
export const MOVE_SHORTCUTS =
  'm: Move to… · Ctrl/⌘-click or Shift-click: select several VMs · Ctrl+Z: undo the last move · Esc: cancel a drag';

/** "Move to…" for the VMs in the store: mounted while it is open. */
export function MoveToDialog() {
  const vmIds = useDragStore((s) => s.moveTo);
  const close = useDragStore((s) => s.closeMoveTo);
  const getContext = useMoveContext();
  if (vmIds === null) return null;
  const result = getContext();
  if (!result.ok) {
    return (
      <Dialog title="Move to…" onClose={close} testId="move-to-dialog">
        <p role="alert">Couldn&rsquo;t check the move: {result.reason}</p>
      </Dialog>
    );
  }
  return <HostChooser ctx={result.ctx} vmIds={vmIds} onClose={close} />;
}

interface Row {
  hostId: string;
  name: string;
  verdict: HostVerdict;
}

/**
 * Hosts with the same verdicts a drag shows, best first (fits, soft, refused with reasons); arrow
 * keys move, Enter chooses, which asks the core for the plan and opens its review.
 */
function HostChooser(props: { ctx: MoveContext; vmIds: readonly string[]; onClose: () => void }) {
  const { ctx, vmIds, onClose } = props;
  const propose = useProposeMoves();
  const listId = useId();
  const rows = useMemo(() => sortedRows(ctx, vmIds), [ctx, vmIds]);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const current = rows[active];
  // The set is weighed together on the active host only: one whatIf, on each key press.
  const answer = current ? hoverAnswer(ctx, vmIds, current.hostId, current.verdict) : undefined;
  const what = vmIds.length === 1 ? ctx.names.vm(vmIds[0] ?? '') : `${vmIds.length} VMs`;
  const from = [...new Set(vmIds.map((id) => ctx.vmById.get(id)?.hostId ?? ''))]
    .map((id) => ctx.names.host(id))
    .join(', ');

  const choose = (index: number) => {
    const row = rows[index];
    if (!row || busy) return;
    const verdict = index === active && answer ? answer.verdict : row.verdict;
    if (verdict.kind === 'refused' || verdict.kind === 'source') {
      setRefused(`${row.name}: ${verdictLine(verdict)}`);
      return;
    }
    setBusy(true);
    void propose(ctx, vmIds, row.hostId).finally(() => {
      setBusy(false);
      onClose();
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = rows.length - 1;
    const go = (index: number) => {
      event.preventDefault();
      setRefused(null);
      setActive(Math.max(0, Math.min(last, index)));
    };
    if (matches('pickNext', event)) go(active + 1);
    else if (matches('pickPrevious', event)) go(active - 1);
    else if (matches('pickFirst', event)) go(0);
    else if (matches('pickLast', event)) go(last);
    else if (matches('pickChoose', event)) {
      event.preventDefault();
      choose(active);
    }
  };

  return (
    <Dialog title={`Move ${what} to…`} onClose={onClose} testId="move-to-dialog" width="wide">
      <p className="muted small">
        Now on {from}. ↑ ↓ to choose a host, Enter to move (you review the plan first), Esc to
        close.
      </p>
      {rows.length === 0 ? (
        <p>No other host is in the fleet.</p>
      ) : (
        <ul
          id={listId}
          role="listbox"
          tabIndex={0}
          data-autofocus
          aria-label="Hosts"
          aria-activedescendant={current ? `${listId}-${active}` : undefined}
          aria-busy={busy}
          className="move-to-list"
          onKeyDown={onKeyDown}
        >
          {rows.map((row, index) => {
            const shown = index === active && answer ? answer.verdict : row.verdict;
            return (
              <li
                key={row.hostId}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={`move-to-row verdict-${shown.kind}${index === active ? ' is-active' : ''}`}
                data-testid="move-to-host"
                data-host-id={row.hostId}
                data-verdict={shown.kind}
                onClick={() => {
                  setActive(index);
                  choose(index);
                }}
              >
                <span className="move-to-name">{row.name}</span>
                <span className="move-to-verdict">{verdictLine(shown)}</span>
                {index === active && answer?.headroom && shown.kind !== 'refused' && (
                  <span className="move-to-room">{answer.headroom}</span>
                )}
                {index === active && shown.fix && <span className="move-to-fix">{shown.fix}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {refused && (
        <p className="move-to-refused" role="alert" data-testid="move-to-refused">
          Not moved: {refused}
        </p>
      )}
      <p className="muted small move-shortcuts">Shortcuts: {MOVE_SHORTCUTS}</p>
    </Dialog>
  );
}

function sortedRows(ctx: MoveContext, vmIds: readonly string[]): Row[] {
  const verdicts = dragVerdicts(ctx, vmIds);
  const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return ctx.hosts
    .map((h) => ({
      hostId: h.config.id,
      name: h.config.name,
      verdict: verdicts.get(h.config.id) ?? { kind: 'refused' as const, reasons: [] },
    }))
    .filter((row) => row.verdict.kind !== 'source')
    .sort(
      (a, b) =>
        VERDICT_RANK[a.verdict.kind] - VERDICT_RANK[b.verdict.kind] ||
        byName.compare(a.name, b.name),
    );
}
