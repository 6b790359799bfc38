import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Host, HostId, Vm } from '../../../shared/domain';
import type { Selection } from '../../app/ui-store';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { whenIdle } from '../../ui/when-idle';
import { bringIntoView } from './bring-into-view';
import { CARD_GAP_PX, columnsFor, rowCount, rowOf, rowSpan } from './grid-rows';
import { HostCard } from './HostCard';
import { useRevealStore } from './reveal-store';

/** A host card's height before it is measured: the demo's hosts of 10 VMs are about this tall. */
const ESTIMATED_ROW_PX = 420;
/** Rows drawn beyond those in view, each way (a row is 400–800 px): Tab and a short scroll find
 * the next cards already there. */
const OVERSCAN_ROWS = 1;
/** A card of a row out of view waits at most this long for an idle moment. */
const IDLE_TIMEOUT_MS = 1_000;

/**
 * `?grid=every-card` draws every card, as the grid did before it was virtualised: the baseline
 * `bench/window-scale.bench.ts` measures next to the virtualised grid. Nothing else sets it.
 */
const EVERY_CARD =
  typeof location !== 'undefined' &&
  new URLSearchParams(location.search).get('grid') === 'every-card';

/**
 * The host cards in rows, only the rows in view (and OVERSCAN_ROWS each way) in the page: at 1,000
 * hosts / 10,000 VMs, drawing every card was 154,000 nodes and a render of seconds. The rows of the
 * selected card, the focused card and the card a press started on stay drawn wherever they are.
 */
export function HostGrid(props: {
  hosts: readonly Host[];
  vmsOf: (hostId: HostId) => readonly Vm[];
  selection: Selection | null;
  onPointerDown: (event: PointerEvent) => void;
}) {
  const { hosts, vmsOf, selection, onPointerDown } = props;
  const [focusedHost, setFocusedHost] = useState<string | null>(null);
  const [pressedHost, setPressedHost] = useState<string | null>(null);
  const indexOf = useMemo(() => new Map(hosts.map((h, i) => [h.config.id as string, i])), [hosts]);
  const rowIn = (columns: number) => (id: string | null | undefined) =>
    id == null ? undefined : rowOf(indexOf.get(id) ?? -1, columns);

  const { listRef, mode, virtualizer, width } = useVirtualRows<HTMLDivElement>({
    layout: (w) => {
      // Rows keep their index as key: when the columns change (the details panel opens), a card
      // that stays in its row keeps its element, and the focus a dialog gives back to it.
      const cols = columnsFor(w);
      const row = rowIn(cols);
      return {
        count: rowCount(hosts.length, cols),
        pinned: [row(selection?.hostId), row(focusedHost), row(pressedHost)],
      };
    },
    estimateSize: ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    gap: CARD_GAP_PX,
    all: EVERY_CARD,
  });
  const columns = columnsFor(width);
  useReveal(
    listRef,
    mode === 'pending'
      ? undefined
      : (id) => {
          const row = rowIn(columns)(id);
          if (row === undefined) return false;
          if (mode === 'virtual') virtualizer.scrollToIndex(row, { align: 'center' });
          return true;
        },
  );

  const card = (host: Host): ReactNode => {
    const id = host.config.id;
    return (
      <HostCard
        key={id}
        host={host}
        vms={vmsOf(id)}
        selectedHost={selection?.kind === 'host' && selection.hostId === id}
        selectedVmId={selection?.kind === 'vm' && selection.hostId === id ? selection.vmId : null}
      />
    );
  };
  const handlers = {
    onPointerDown: (event: PointerEvent) => {
      setPressedHost(hostIdOf(event.target));
      onPointerDown(event);
    },
    onFocus: (event: FocusEvent) => setFocusedHost(hostIdOf(event.target)),
  };
  if (mode !== 'virtual') {
    return (
      <div ref={listRef} className="host-grid" data-grid={mode} {...handlers}>
        {mode === 'all' && hosts.map(card)}
      </div>
    );
  }
  const margin = virtualizer.options.scrollMargin;
  // The rows in view, overscan and pinned rows left out (null before the first measure).
  const range = virtualizer.range;
  return (
    <div
      ref={listRef}
      className="host-grid is-virtual"
      data-grid="virtual"
      style={{ height: virtualizer.getTotalSize() }}
      {...handlers}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const [from, to] = rowSpan(item.index, columns, hosts.length);
        return (
          <HostRow
            key={item.key}
            index={item.index}
            measure={virtualizer.measureElement}
            inView={
              range !== null && item.index >= range.startIndex && item.index <= range.endIndex
            }
            minHeight={item.size}
            style={{
              transform: `translateY(${item.start - margin}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {hosts.slice(from, to).map(card)}
          </HostRow>
        );
      })}
    </div>
  );
}

/**
 * One row of cards. In view, all of its cards are drawn at once. Outside the view (the overscan
 * ahead and behind, a pinned row), a row that was not drawn yet takes its cards one at a time, each
 * in an idle moment between frames: scrolling, the row ahead is drawn piecewise while the frames
 * have time to spare, so the frame that brings it into view has little left to draw. A row that
 * comes into view before it is full is filled then (what every row cost before). Until it is full
 * it holds at least its estimated height, so an empty row does not pull the rows below it up (the
 * virtualiser would then draw more of them).
 */
export function HostRow(props: {
  index: number;
  measure: (node: HTMLElement | null) => void;
  inView: boolean;
  minHeight: number;
  style: CSSProperties;
  children: ReactNode[];
}) {
  const { index, measure, inView, minHeight, style, children } = props;
  const total = children.length;
  const [drawn, setDrawn] = useState(() => (inView ? total : 0));
  // Once in view, full for good (set while rendering: React redraws this row alone, at once).
  if (inView && drawn < total) setDrawn(total);
  const shown = inView ? total : Math.min(drawn, total);
  useEffect(() => {
    if (inView || drawn >= total) return undefined;
    return whenIdle(() => setDrawn((n) => n + 1), IDLE_TIMEOUT_MS, 'soon');
  }, [inView, drawn, total]);
  return (
    <div
      ref={measure}
      className="host-row"
      data-index={index}
      data-drawn={shown < total ? `${shown}/${total}` : undefined}
      style={shown < total ? { ...style, minHeight } : style}
    >
      {shown < total ? children.slice(0, shown) : children}
    </div>
  );
}

/**
 * Answers the reveal requests (a jump from an alert or the heat map, a click in the host list):
 * `scrollToRow` scrolls the virtualiser to the card's row (false when the card is filtered out),
 * then the card is centred and focused once drawn. A request is answered once; one made before the
 * topology was shown (the heat map opens it) is answered when it is.
 */
function useReveal(
  listRef: RefObject<HTMLDivElement | null>,
  scrollToRow: ((hostId: string) => boolean) | undefined,
) {
  const request = useRevealStore((s) => s.request);
  const latest = useRef(scrollToRow);
  const giveUp = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    latest.current = scrollToRow;
  });
  useEffect(() => () => giveUp.current?.(), []);
  const ready = scrollToRow !== undefined;
  useEffect(() => {
    const list = listRef.current;
    const scroll = latest.current;
    if (!request || !ready || !list || !scroll) return;
    if (!useRevealStore.getState().answer(request.seq)) return;
    giveUp.current?.();
    giveUp.current = scroll(request.hostId) ? bringIntoView(list, request) : undefined;
  }, [request, ready, listRef]);
}

function hostIdOf(target: EventTarget): string | null {
  return target instanceof Element
    ? (target.closest<HTMLElement>('[data-testid="host-card"]')?.dataset.hostId ?? null)
    : null;
}
