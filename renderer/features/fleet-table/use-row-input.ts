import { useMemo } from 'react';
import { useLatestSamples } from '../../api/metrics-queries';
import { useSettings } from '../../api/queries';
import { useHeldWhile, useIsScrolling } from '../../ui/use-is-scrolling';
import { useApplicationWeights } from '../topology/application-weights';
import type { VisibleFleet } from '../topology/use-visible-fleet';
import type { RowInput } from './table-rows';

/** A sample round at 1,000 hosts is 1,000 events: the tables take new figures at most this often. */
const REDRAW_MS = 1000;

/**
 * What a table's rows are made from: the fleet shown, and the samples, ratios and application
 * weights. While the page scrolls, what they were when the scroll began: new figures or a host's
 * change rebuild and redraw every row (at 1,000 hosts, the slowest frames of a scroll), so they
 * wait until the scroll settles, a fraction of a second later.
 */
export function useRowInput(visible: VisibleFleet): { visible: VisibleFleet; input: RowInput } {
  const samples = useLatestSamples(REDRAW_MS);
  const { data: settings } = useSettings();
  const apps = useApplicationWeights();
  const input = useMemo(
    () => ({ samples: samples ?? {}, overcommit: settings, apps }),
    [samples, settings, apps],
  );
  const live = useMemo(() => ({ visible, input }), [visible, input]);
  return useHeldWhile(useIsScrolling(), live);
}
