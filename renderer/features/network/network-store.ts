import { create } from 'zustand';
import { readPref, writePref } from '../../app/window-prefs';

const GROUP_KEY = 'federator.network.group-by';
const anyText = (_v: string): _v is string => true;

interface NetworkState {
  /** The label a big fleet's groups are made by; null: chosen (zone, then rack …). Kept. */
  groupBy: string | null;
  /** The group whose hosts are shown, by its label value; null: the groups. */
  openGroup: string | null;
  setGroupBy: (key: string | null) => void;
  setOpenGroup: (value: string | null) => void;
}

/** The network view's choices: the grouping is kept by the window, the group opened is not. */
export const useNetworkStore = create<NetworkState>()((set) => {
  const stored = readPref(GROUP_KEY, anyText, '');
  return {
    groupBy: stored === '' ? null : stored,
    openGroup: null,
    setGroupBy: (groupBy) => {
      writePref(GROUP_KEY, groupBy ?? '');
      set({ groupBy, openGroup: null });
    },
    setOpenGroup: (openGroup) => set({ openGroup }),
  };
});
