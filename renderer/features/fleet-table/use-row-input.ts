import { useMemo } from 'react';
import { useLatestSamples } from '../../api/metrics-queries';
import { useSettings } from '../../api/queries';
import { useApplicationWeights } from '../topology/application-weights';
import type { RowInput } from './table-rows';

/** A sample round at 1,000 hosts is 1,000 events: the tables take new figures at most this often. */
const REDRAW_MS = 1000;

/** What the tables' figures are made from besides the fleet: samples, ratios, application weights. */
export function useRowInput(): RowInput {
  const samples = useLatestSamples(REDRAW_MS);
  const { data: settings } = useSettings();
  const apps = useApplicationWeights();
  return useMemo(
    () => ({ samples: samples ?? {}, overcommit: settings, apps }),
    [samples, settings, apps],
  );
}
