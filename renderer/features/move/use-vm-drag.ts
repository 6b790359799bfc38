import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { useUiStore } from '../../app/ui-store';
import { placeGhost } from './drag-ghost';
import { useDragStore, useHoverStore } from './drag-store';
import type { MoveContext } from './move-context';
import { edgeScroller } from './edge-scroll';
import { browserEnv, trackPointerDrag, type PointerDragEnv } from './pointer-drag';
import { scrollParent } from '../../ui/scroll-parent';
import { useMoveContext } from './use-move-context';
import { useProposeMoves } from './use-propose-moves';
import { dragVerdicts, hoverAnswer, type HostVerdict } from './verdicts';

/** What a drag starts from: a VM card, or a VM's row in the VM table. */
export const DRAG_SOURCE = '[data-testid="vm-card"], [data-testid="vm-row"]';
/** What takes a dropped VM: a host card, or a host's row in a table (its data-host-id). */
export const DROP_TARGET = '[data-testid="host-card"], [data-testid="host-row"]';

/** The VMs a press on `vmId` carries: the multi-selection when it holds it, else that VM alone. */
export function carriedVms(vmId: string): string[] {
  const picked = useUiStore.getState().vmSelection;
  return picked.includes(vmId as never) ? [...picked] : [vmId];
}

/**
 * Dragging VM cards (or VM rows) onto host cards (or host rows): `onPointerDown` goes on the element holding the cards (one
 * listener for all of them). Verdicts are computed once when the pointer passes the threshold;
 * while it moves only the host under it is asked again, once per frame and only when it changes.
 * Held near the grid's top or bottom edge, the pointer scrolls it (edge-scroll.ts).
 */
export function useVmDrag(env?: PointerDragEnv) {
  const getContext = useMoveContext();
  const propose = useProposeMoves();
  const latest = useRef({ getContext, propose });
  useEffect(() => {
    latest.current = { getContext, propose };
  }, [getContext, propose]);

  return useCallback(
    (event: ReactPointerEvent) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
        return;
      const card = (event.target as Element).closest<HTMLElement>(DRAG_SOURCE);
      const vmId = card?.dataset.vmId;
      if (!card || vmId === undefined) return;
      const { startDrag, endDrag, notify } = useDragStore.getState();
      const { setHover } = useHoverStore.getState();
      let ctx: MoveContext | undefined;
      let vmIds: string[] = [];
      let verdicts: ReadonlyMap<string, HostVerdict> = new Map();
      let hovered: string | null = null;
      // The grid scrolls in its nearest scrolling ancestor; none in jsdom.
      const scroller = scrollParent(event.currentTarget);
      const edge = scroller
        ? edgeScroller(scroller, (x, y) => over((env ?? browserEnv).hitTest(x, y)))
        : undefined;

      const over = (under: Element | null) => {
        const host = under?.closest<HTMLElement>(DROP_TARGET);
        const hostId = host?.dataset.hostId ?? null;
        if (hostId === hovered || !ctx) return;
        hovered = hostId;
        const base = hostId === null ? undefined : verdicts.get(hostId);
        setHover(hostId && base ? hoverAnswer(ctx, vmIds, hostId, base) : null);
      };
      const end = () => {
        edge?.stop();
        document.removeEventListener('selectstart', noSelection);
        setHover(null);
        endDrag();
      };
      trackPointerDrag(
        event.nativeEvent,
        card,
        {
          start: (x, y) => {
            const result = latest.current.getContext();
            if (!result.ok) {
              notify({
                tone: 'danger',
                title: "Couldn't check the move",
                reasons: [result.reason],
              });
              return false;
            }
            ctx = result.ctx;
            vmIds = carriedVms(vmId).filter((id) => ctx?.vmById.has(id));
            if (vmIds.length === 0) return false;
            verdicts = dragVerdicts(ctx, vmIds);
            placeGhost(x, y);
            document.addEventListener('selectstart', noSelection); // no text selected on the way
            const label = vmIds.length === 1 ? ctx.names.vm(vmIds[0] ?? '') : `${vmIds.length} VMs`;
            startDrag({ vmIds, label, carried: new Set(vmIds), verdicts });
            return true;
          },
          frame: (x, y, under) => {
            placeGhost(x, y);
            over(under);
            edge?.move(x, y);
          },
          drop: (_x, _y, under) => {
            over(under);
            const answer = useHoverStore.getState().hover;
            end();
            if (!answer || !ctx) return;
            const { verdict, hostId } = answer;
            if (verdict.kind === 'source') return;
            if (verdict.kind === 'refused') {
              notify({
                tone: 'danger',
                title: `Not moved: ${ctx.names.host(hostId)} refuses ${vmIds.length === 1 ? ctx.names.vm(vmIds[0] ?? '') : `${vmIds.length} VMs`}`,
                reasons: verdict.reasons,
                ...(verdict.fix === undefined ? {} : { fix: verdict.fix }),
              });
              return;
            }
            void latest.current.propose(ctx, vmIds, hostId);
          },
          cancel: end,
        },
        env,
      );
    },
    [env],
  );
}

function noSelection(event: Event): void {
  event.preventDefault();
}
