import { useEffect, useState } from 'react';
import { useSettings } from '../../../api/queries';
import type { MetricSeriesRequest } from '../../../../shared/domain/metrics';
import type { SeriesWant } from '../../../api/metrics-series';
import {
  rangeKey,
  rangeWindow,
  seriesRequest,
  type RangeChoice,
  type RangeWindow,
} from './chart-range';

export interface ChartWindow extends RangeWindow {
  choice: RangeChoice;
  choose: (choice: RangeChoice) => void;
  /** The react-query key part of the range. */
  key: string;
  /** The sample interval in ms (where lines break: see gapFor). */
  sampleMs: number;
  /** The request for one series of the range, as of when it is sent. */
  request: (want: SeriesWant) => MetricSeriesRequest;
}

/**
 * The range a panel's charts show. The window is fixed when a range is chosen (that is what is
 * fetched); on the live hour its end follows the clock each sample interval, so a host that went
 * silent shows a growing gap at the right instead of a line that stops at an old "now".
 */
export function useChartWindow(
  initial: RangeChoice = { kind: 'preset', preset: '1h' },
): ChartWindow {
  const [choice, setChoice] = useState<RangeChoice>(initial);
  const [now, setNow] = useState(() => Date.now());
  const { data: settings } = useSettings();
  const sampleMs = (settings?.sampleSeconds ?? 10) * 1000;
  const window = rangeWindow(choice, now);
  useEffect(() => {
    if (!window.live) return undefined;
    const timer = setInterval(() => setNow(Date.now()), sampleMs);
    return () => clearInterval(timer);
  }, [window.live, sampleMs]);
  return {
    ...window,
    choice,
    choose: (next) => {
      setNow(Date.now());
      setChoice(next);
    },
    key: rangeKey(choice),
    sampleMs,
    request: (want) => seriesRequest(want.objectId, want.metric, choice, Date.now()),
  };
}
