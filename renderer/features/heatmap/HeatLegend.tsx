import { legendFor, type ColourBy } from './heat-scale';

/** The scale as swatches with their figures (or the health levels), problem ones hatched. */
export function HeatLegend(props: { colourBy: ColourBy }) {
  return (
    <ul className="heat-legend" aria-label="Legend" data-testid="heat-legend">
      {legendFor(props.colourBy).map((entry) => (
        <li key={entry.key} className="heat-legend-entry">
          <span
            className="heat-swatch"
            data-heat={entry.key}
            data-problem={entry.problem ? 'true' : undefined}
            aria-hidden="true"
          />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
