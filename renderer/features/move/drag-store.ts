import { create } from 'zustand';
import type { HostVerdict, HoverAnswer } from './verdicts';

/** A drag in progress: the VMs carried and every host's verdict, fixed at the start. */
export interface ActiveDrag {
  vmIds: readonly string[];
  /** What the ghost says: the VM's name, or "3 VMs". */
  label: string;
  /** For the dragged cards' own look, without scanning `vmIds` in every card. */
  carried: ReadonlySet<string>;
  verdicts: ReadonlyMap<string, HostVerdict>;
}

/** Something a move said in words: refused, or the core could not plan it. */
export interface MoveNotice {
  title: string;
  reasons: readonly string[];
  fix?: string;
  tone: 'danger' | 'info';
}

interface DragState {
  drag: ActiveDrag | null;
  notice: MoveNotice | null;
  /** The "Move to…" dialog, for these VMs. */
  moveTo: readonly string[] | null;
  startDrag: (drag: ActiveDrag) => void;
  endDrag: () => void;
  notify: (notice: MoveNotice | null) => void;
  openMoveTo: (vmIds: readonly string[]) => void;
  closeMoveTo: () => void;
}

/**
 * UI state of moving VMs. Host cards read their verdict here; it changes at the start and the end
 * of a drag only, so the cards render twice per drag, never per pointer move.
 */
export const useDragStore = create<DragState>()((set) => ({
  drag: null,
  notice: null,
  moveTo: null,
  startDrag: (drag) => set({ drag, notice: null }),
  endDrag: () => set({ drag: null }),
  notify: (notice) => set({ notice }),
  openMoveTo: (vmIds) => set({ moveTo: vmIds, notice: null }),
  closeMoveTo: () => set({ moveTo: null }),
}));

/**
 * The host under the pointer and its answer for the whole set: its own store, so that a new
 * hovered host re-renders the tooltip and that host only.
 */
export const useHoverStore = create<{
  hover: HoverAnswer | null;
  setHover: (hover: HoverAnswer | null) => void;
}>()((set) => ({ hover: null, setHover: (hover) => set({ hover }) }));

/**
 * The verdict a host card shows: the set's answer when it is the hovered host, else its own; none
 * while the card is out of view (`shown` false), so a drag's start renders only the cards in view.
 */
export function useHostVerdict(hostId: string, shown = true): HostVerdict | undefined {
  const own = useDragStore((s) => (shown ? s.drag?.verdicts.get(hostId) : undefined));
  const hovered = useHoverStore((s) => (s.hover?.hostId === hostId ? s.hover.verdict : undefined));
  return own === undefined ? undefined : (hovered ?? own);
}
