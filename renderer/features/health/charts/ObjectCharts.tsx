import { useMemo } from 'react';
import type { MetricKind } from '../../../../shared/domain/metrics';
import { formatFigure } from '../../../../shared/words/figure-words';
import { useSeriesSet, type SeriesWant } from '../../../api/metrics-series';
import { breakGaps } from '../../../ui/charts/chart-data';
import { LazyTimeSeriesChart } from '../../../ui/charts/LazyTimeSeriesChart';
import { CHART_SPECS, gapFor, trackChartData } from './metric-tracks';
import { RangePicker } from './RangePicker';
import { useChartWindow } from './use-chart-window';
import './charts-panel.css';

const CHART_HEIGHT = 120;

/** What an empty chart says: why there is nothing yet, in the admin's terms. */
export function emptyWords(connected: boolean, live: boolean, loading: boolean): string {
  if (loading) return 'Loading history…';
  if (!connected) return 'No samples in this range: the host is not connected.';
  return live
    ? 'No samples yet: the first arrive a sample interval or two after the host connects.'
    : 'No samples in this range.';
}

/** A host's or VM's charts in its details: CPU, memory, network, disk, over a chosen range. */
export function ObjectCharts(props: {
  kind: MetricKind;
  objectId: string;
  hostId: string;
  connected: boolean;
}) {
  const { kind, objectId, hostId } = props;
  const range = useChartWindow();
  const specs = CHART_SPECS[kind];
  const { from, to } = range;
  const wants = useMemo<SeriesWant[]>(
    () =>
      specs.flatMap((spec) => spec.metrics.map((metric) => ({ objectId, metric, hostId, kind }))),
    [specs, objectId, hostId, kind],
  );
  const { series, loading } = useSeriesSet(wants, range.request, range.key, range.live, to - from);
  const byMetric = new Map(wants.map((w, i) => [w.metric, series[i]]));
  return (
    <section className="object-charts" aria-label="Charts" data-testid="object-charts">
      <div className="object-charts-head">
        <h3>Charts</h3>
        <RangePicker choice={range.choice} onChoose={range.choose} />
      </div>
      {specs.map((spec) => {
        const tracks = spec.metrics.map((metric) => ({
          metric,
          points: byMetric.get(metric)?.points ?? [],
        }));
        const stepMs = byMetric.get(spec.metrics[0] ?? 'cpu')?.stepMs ?? 10_000;
        const data = breakGaps(trackChartData(tracks), gapFor(stepMs, range.sampleMs));
        return (
          <LazyTimeSeriesChart
            key={spec.id}
            title={spec.title}
            data={data}
            xRange={[from, to]}
            format={(v) => formatFigure(spec.unit, v)}
            binary={spec.unit === 'memory' || spec.unit === 'rate'}
            {...(spec.max === undefined ? {} : { max: spec.max })}
            height={CHART_HEIGHT}
            syncKey={`charts-${objectId}`}
            emptyText={emptyWords(props.connected, range.live, loading)}
            testId={`chart-${spec.id}`}
          />
        );
      })}
    </section>
  );
}
