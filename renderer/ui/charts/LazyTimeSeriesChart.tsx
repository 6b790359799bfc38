import { lazy, Suspense } from 'react';
import type { TimeSeriesChartProps } from './TimeSeriesChart';
import './charts.css';

/**
 * uPlot and the chart's code load with the first chart shown, or once the window is idle (App
 * preloads them): not with the window, whose start script they made longer (issue 14).
 */
export const loadTimeSeriesChart = () => import('./TimeSeriesChart');
const TimeSeriesChart = lazy(() =>
  loadTimeSeriesChart().then((m) => ({ default: m.TimeSeriesChart })),
);

/** A time-series chart (see TimeSeriesChart); until its code is in, an empty box of its size. */
export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  return (
    <Suspense
      fallback={
        <figure className="ts-chart" aria-label={props.title} aria-busy="true">
          <figcaption className="ts-chart-title">{props.title}</figcaption>
          <div className="ts-chart-plot" style={{ minHeight: props.height }} />
          <p className="ts-chart-legend small" />
        </figure>
      }
    >
      <TimeSeriesChart {...props} />
    </Suspense>
  );
}
