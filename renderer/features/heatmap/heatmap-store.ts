import { create } from 'zustand';
import { readPref, writePref } from '../../app/window-prefs';
import { COLOUR_BY, type ColourBy } from './heat-scale';

const GROUP_KEY = 'federator.heatmap.group-by';
const COLOUR_KEY = 'federator.heatmap.colour-by';
/** Stored for "no grouping": a label key is never empty. */
const NO_GROUP = '';

const isColourBy = (v: string): v is ColourBy => COLOUR_BY.some((c) => c.value === v);
// Any stored key is fine: one the hosts no longer carry falls back to no grouping on screen.
const anyText = (_v: string): _v is string => true;

interface HeatMapState {
  /** The label key tiles are grouped by; null: one group of all. */
  groupBy: string | null;
  colourBy: ColourBy;
  setGroupBy: (key: string | null) => void;
  setColourBy: (colourBy: ColourBy) => void;
}

/** The heat map's choices, kept by the window: zone and health until the admin picks others. */
export const useHeatMapStore = create<HeatMapState>()((set) => {
  const stored = readPref(GROUP_KEY, anyText, 'zone');
  return {
    groupBy: stored === NO_GROUP ? null : stored,
    colourBy: readPref(COLOUR_KEY, isColourBy, 'health'),
    setGroupBy: (groupBy) => {
      writePref(GROUP_KEY, groupBy ?? NO_GROUP);
      set({ groupBy });
    },
    setColourBy: (colourBy) => {
      writePref(COLOUR_KEY, colourBy);
      set({ colourBy });
    },
  };
});

/** Hovered or focused tile, for the one tooltip: apart, so that hovering re-renders no tile. */
interface HeatHoverState {
  hostId: string | null;
  anchor: { left: number; top: number; bottom: number } | null;
  show: (hostId: string, rect: { left: number; top: number; bottom: number }) => void;
  hide: () => void;
}

export const useHeatHover = create<HeatHoverState>()((set) => ({
  hostId: null,
  anchor: null,
  show: (hostId, anchor) => set({ hostId, anchor }),
  hide: () => set({ hostId: null, anchor: null }),
}));
