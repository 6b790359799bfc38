/**
 * The heat map's colours as data: a metric's value falls in one of six bands (each a theme token,
 * lighter to darker in the light theme, darker to brighter in the dark one, so the order reads
 * without hue), and a host's health in one of six levels. Problem levels also carry a hatch and a
 * mark on the tile: colour is never the only sign.
 */

/** What the tiles are coloured by. */
export type ColourBy = 'health' | 'cpu' | 'memory' | 'vcpus' | 'promised';

/** Each colouring: as the menu says it, and as a figure is named ("CPU avg 40 %"). */
export const COLOUR_BY: readonly { value: ColourBy; label: string; figure: string }[] = [
  { value: 'health', label: 'Health', figure: 'Health' },
  { value: 'cpu', label: 'CPU %', figure: 'CPU' },
  { value: 'memory', label: 'Memory %', figure: 'Memory used' },
  { value: 'vcpus', label: 'vCPUs allocated', figure: 'vCPUs allocated' },
  { value: 'promised', label: 'Memory promised', figure: 'Memory promised' },
];

/** Lower bounds of the bands, in %: the top two are narrow because that is where action starts. */
export const BAND_FLOORS = [0, 20, 40, 60, 80, 90] as const;
export type Band = 0 | 1 | 2 | 3 | 4 | 5;

/** The band of a percentage; over 100 (a host allocated past its capacity) is the top band. */
export function bandOf(percent: number): Band {
  let band = 0;
  for (let i = 1; i < BAND_FLOORS.length; i++)
    if (percent >= (BAND_FLOORS[i] ?? Infinity)) band = i;
  return band as Band;
}

/** A band in words: "40–60 %", the top one "90 % and over". */
export function bandWords(band: Band): string {
  const from = BAND_FLOORS[band];
  const to = BAND_FLOORS[band + 1];
  return to === undefined ? `${from} % and over` : `${from}–${to} %`;
}

/** How healthy a host is, the worst first after `ok`. */
export type HealthLevel = 'ok' | 'vm-trouble' | 'hypervisor' | 'down' | 'waiting' | 'off';

export const HEALTH_LEVELS: readonly {
  level: HealthLevel;
  label: string;
  /** On a tile with words, where the label would not fit. */
  short: string;
  /** A problem the admin should look at: hatched and marked, not only coloured. */
  problem: boolean;
}[] = [
  { level: 'ok', label: 'Healthy', short: 'Healthy', problem: false },
  { level: 'vm-trouble', label: 'VMs crashed', short: 'VM crashed', problem: true },
  { level: 'hypervisor', label: 'Hypervisor problem', short: 'Hypervisor', problem: true },
  { level: 'down', label: 'Unreachable or refused', short: 'Down', problem: true },
  { level: 'waiting', label: 'Connecting or waiting', short: 'Waiting', problem: false },
  { level: 'off', label: 'Disconnected', short: 'Off', problem: false },
];

export function isProblem(level: HealthLevel): boolean {
  return HEALTH_LEVELS.find((h) => h.level === level)?.problem ?? false;
}

/**
 * What a tile shows: a band (`b0`…`b5`), a health level, or `none` (no figure yet); the CSS maps
 * each to its theme token.
 */
export type HeatKey = `b${Band}` | HealthLevel | 'none';

export interface LegendEntry {
  key: HeatKey;
  label: string;
  /** Drawn hatched, as problem tiles are. */
  problem: boolean;
}

/** The legend for a colouring: the bands with their figures, or the health levels. */
export function legendFor(colourBy: ColourBy): LegendEntry[] {
  if (colourBy === 'health') {
    return HEALTH_LEVELS.map((h) => ({ key: h.level, label: h.label, problem: h.problem }));
  }
  const bands = BAND_FLOORS.map((_, i) => ({
    key: `b${i as Band}` as const,
    label: bandWords(i as Band),
    problem: false,
  }));
  return [
    ...bands,
    { key: 'none', label: 'No figure yet', problem: false },
    { key: 'down', label: 'Problem (hatched)', problem: true },
  ];
}
