import { create } from 'zustand';

/** A card the topology must bring into view: a host, or one VM on it. */
export interface RevealRequest {
  hostId: string;
  vmId?: string | undefined;
  /** Put the keyboard focus on it (a jump), or only scroll (a click in the host list). */
  focus: boolean;
  /** Each request is new, so asking twice for the same card scrolls twice. */
  seq: number;
}

/**
 * Asking the topology to show a card. The grid renders only the rows in view, so a jump cannot
 * find a card far down with querySelector: it asks here, and the grid scrolls to the row first.
 */
export const useRevealStore = create<{
  request: RevealRequest | null;
  /** The last request the grid took on: a grid drawn later does not answer it again. */
  answered: number;
  reveal: (target: Omit<RevealRequest, 'seq'>) => void;
  /** Takes request `seq` on: true the first time, false when it was already answered. */
  answer: (seq: number) => boolean;
}>()((set, get) => ({
  request: null,
  answered: 0,
  reveal: (target) => set({ request: { ...target, seq: (get().request?.seq ?? 0) + 1 } }),
  answer: (seq) => {
    if (seq <= get().answered) return false;
    set({ answered: seq });
    return true;
  },
}));

/** From anywhere (a jump from an alert, the heat map, the host list): show this card. */
export function revealInTopology(target: Omit<RevealRequest, 'seq'>): void {
  useRevealStore.getState().reveal(target);
}
