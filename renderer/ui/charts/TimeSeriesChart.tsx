import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fitToColumns } from './chart-columns';
import { hasValues, lastIndexWithValues, type ChartData } from './chart-data';
import { legendTime } from './chart-axes';
import { legendAt } from './chart-legend';
import { alignedData, chartOptions, shapeOf, type ChartLook } from './chart-options';
import { CHART_COLOUR_COUNT, readChartColours, useThemeStamp } from './chart-theme';
import './charts.css';

export interface TimeSeriesChartProps extends ChartLook {
  title: string;
  data: ChartData;
  /** The window shown (ms), whether or not samples fill it. */
  xRange: [number, number];
  /** Said in place of the chart while there is nothing to draw. */
  emptyText: string;
  testId?: string;
}

/** Positions drawn before the plot's width is known: about a details panel's chart. */
const FIRST_COLUMNS = 800;
/** The y axis's width (chart-options): the rest of the box is the plot's pixel columns. */
const Y_AXIS_PX = 64;
const columnsOf = (boxWidth: number) => Math.max(1, Math.round(boxWidth - Y_AXIS_PX));

/**
 * A time-series chart on canvas (uPlot): lines with their bucket max as a faint band, or stacked
 * layers; a crosshair whose figures the legend says in words; redrawn on resize and theme change.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { data: samples, xRange, title } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const theme = useThemeStamp();
  const [from, to] = xRange;
  // What is drawn and what the legend reads: the samples gathered to one position per pixel column.
  const [columns, setColumns] = useState(FIRST_COLUMNS);
  const data = useMemo(
    () => fitToColumns(samples, columns, [from, to]),
    [samples, columns, from, to],
  );
  const drawable = hasValues(data);
  const shape = shapeOf(data, props);
  // uPlot calls back into these (its x range, a rebuild's data): the latest render's, not the first's.
  const latest = useRef<{ data: ChartData; look: ChartLook; range: [number, number] }>({
    data,
    look: props,
    range: xRange,
  });
  useLayoutEffect(() => {
    latest.current = { data, look: props, range: xRange };
  });

  // A new uPlot when the series change shape or the theme changes its colours; else setData below.
  useEffect(() => {
    const element = box.current;
    if (!element || !drawable) return undefined;
    const width = element.clientWidth || 320;
    const { data: first, look } = latest.current;
    const options = chartOptions(
      first,
      look,
      readChartColours(element),
      width,
      () => latest.current.range,
      setCursor,
    );
    const chart = new uPlot(options, alignedData(first), element);
    plot.current = chart;
    setColumns(columnsOf(width));
    const resize =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => {
            const w = element.clientWidth;
            if (w > 0 && w !== chart.width) {
              chart.setSize({ width: w, height: latest.current.look.height });
              setColumns(columnsOf(w));
            }
          });
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [shape, theme, drawable]);

  useEffect(() => {
    plot.current?.setData(alignedData(data));
  }, [data, from, to]);

  const index = cursor ?? lastIndexWithValues(data);
  const at = index === undefined ? undefined : data.times[index];
  const items = index === undefined ? [] : legendAt(data, index, props.format);
  return (
    <figure
      className="ts-chart"
      data-testid={props.testId}
      data-points={lastIndexWithValues(samples) === undefined ? 0 : samples.times.length}
      aria-label={title}
    >
      <figcaption className="ts-chart-title">{title}</figcaption>
      {drawable ? (
        <>
          <div ref={box} className="ts-chart-plot" style={{ minHeight: props.height }} />
          <p className="ts-chart-legend small" data-testid="chart-legend" aria-live="polite">
            {at !== undefined && (
              <span className="ts-chart-when">
                {cursor === null ? 'Latest, ' : ''}
                {legendTime(at, to - from)}
              </span>
            )}
            {items.map((item) => (
              <span key={item.label} className="ts-chart-item">
                {item.colour !== undefined && (
                  <span
                    className={`ts-chart-swatch chart-colour-${item.colour % CHART_COLOUR_COUNT}`}
                    aria-hidden="true"
                  />
                )}
                {item.label} <b>{item.text}</b>
              </span>
            ))}
          </p>
        </>
      ) : (
        <div
          className="ts-chart-empty muted"
          style={{ height: props.height }}
          data-testid="chart-empty"
        >
          {props.emptyText}
        </div>
      )}
    </figure>
  );
}
