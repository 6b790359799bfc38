import { create } from 'zustand';
import { NO_FILTER, type LogFilter } from '../../../shared/log/log-view';

/** The event log's filters: UI state, kept while the window runs. */
export const useLogFilter = create<{
  filter: LogFilter;
  setFilter: (change: Partial<LogFilter>) => void;
  clear: () => void;
}>((set) => ({
  filter: NO_FILTER,
  setFilter: (change) => set((s) => ({ filter: { ...s.filter, ...change } })),
  clear: () => set({ filter: NO_FILTER }),
}));
