import {
  tierFor,
  type MetricName,
  type MetricSeriesRequest,
} from '../../../../shared/domain/metrics';

/** The buttons' ranges, and a free one the admin types (from–to). */
export type PresetRange = '1h' | '24h' | '30d';
export type RangeChoice =
  { kind: 'preset'; preset: PresetRange } | { kind: 'free'; from: number; to: number };

const HOUR = 3_600_000;
export const PRESET_MS: Readonly<Record<PresetRange, number>> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};
export const PRESET_LABELS: Readonly<Record<PresetRange, string>> = {
  '1h': '1 h',
  '24h': '24 h',
  '30d': '30 d',
};

export interface RangeWindow {
  from: number;
  to: number;
  /** The last hour follows new samples as they come (the others are a fixed answer). */
  live: boolean;
}

/** The window a choice means now. */
export function rangeWindow(choice: RangeChoice, now: number): RangeWindow {
  if (choice.kind === 'free') return { from: choice.from, to: choice.to, live: false };
  return { from: now - PRESET_MS[choice.preset], to: now, live: choice.preset === '1h' };
}

/** A stable key for a choice (query keys, the pressed button). */
export function rangeKey(choice: RangeChoice): string {
  return choice.kind === 'preset' ? choice.preset : `${choice.from}-${choice.to}`;
}

/**
 * The `metrics:series` request for one metric over the range chosen, as of `now`. A button's range
 * names its tier (the one tierFor picks for that span: 1 h → 10 s, 24 h → 1 min, 30 d → 30 min):
 * each tier keeps exactly that span, so leaving it to the core's clock, a moment or a clock skew
 * later, would drop to the next coarser tier. A free range lets the core's tierFor pick.
 */
export function seriesRequest(
  objectId: string,
  metric: MetricName,
  choice: RangeChoice,
  now: number,
): MetricSeriesRequest {
  const window = rangeWindow(choice, now);
  const from = Math.floor(window.from);
  const to = Math.ceil(window.to);
  if (choice.kind === 'free') return { objectId, metric, from, to };
  return { objectId, metric, from, to, tier: tierFor(from, to, now).name };
}

/** Shortest free range worth a chart: one 10 s bucket is not a line. */
const MIN_FREE_MS = 60_000;

/**
 * The two `datetime-local` fields of the free range, read as local time. Bad input gets a sentence
 * that says what to change; the fields keep what was typed.
 */
export function parseFreeRange(
  fromText: string,
  toText: string,
  now: number,
): { from: number; to: number } | { error: string } {
  const from = Date.parse(fromText);
  const to = Date.parse(toText);
  if (fromText === '' || Number.isNaN(from))
    return { error: 'Give the range a start (date and time).' };
  if (toText === '' || Number.isNaN(to)) return { error: 'Give the range an end (date and time).' };
  if (from >= now)
    return { error: 'The range starts in the future: there is no history there yet.' };
  if (to <= from) return { error: 'The range must end after it starts.' };
  if (to - from < MIN_FREE_MS) return { error: 'The range must be at least one minute long.' };
  return { from, to: Math.min(to, now) };
}

/** A time as a `datetime-local` field holds it (local time, to the minute). */
export function toFieldText(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
