import { create } from 'zustand';

/** One console tab: which VM, named as the window knows it, and which of its consoles. */
export interface ConsoleTab {
  key: string;
  /** The serial line (xterm.js) or the VNC display (noVNC). */
  kind: 'serial' | 'graphical';
  hostId: string;
  vmId: string;
  vmName: string;
  hostName: string;
}

interface ConsoleState {
  tabs: ConsoleTab[];
  active: string | undefined;
  /** Open the VM's console, or show its tab if it is open already. */
  open: (tab: Omit<ConsoleTab, 'key'>) => void;
  close: (key: string) => void;
  activate: (key: string) => void;
}

/** The console tabs (UI state only: what is on the serial line is the terminal's, not the store's). */
export const useConsoleStore = create<ConsoleState>((set) => ({
  tabs: [],
  active: undefined,
  open: (tab) =>
    set((state) => {
      const key = `${tab.kind}:${tab.hostId}/${tab.vmId}`;
      if (state.tabs.some((t) => t.key === key)) return { active: key };
      return { tabs: [...state.tabs, { ...tab, key }], active: key };
    }),
  close: (key) =>
    set((state) => {
      const tabs = state.tabs.filter((t) => t.key !== key);
      return { tabs, active: state.active === key ? tabs.at(-1)?.key : state.active };
    }),
  activate: (key) => set({ active: key }),
}));
