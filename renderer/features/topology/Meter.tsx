/** How full a meter looks: the fill turns warning past 80 %, danger past 95 % (or over capacity). */
export function meterLevel(fraction: number): 'ok' | 'high' | 'full' {
  if (fraction >= 0.95) return 'full';
  if (fraction >= 0.8) return 'high';
  return 'ok';
}

/**
 * A small labelled bar: used against capacity, with the figures in words beside it. Without a
 * fraction (no sample yet) the bar is empty and the words say why.
 */
export function Meter(props: {
  label: string;
  fraction: number | undefined;
  text: string;
  title: string;
  testId?: string;
  /** On the words alone, for tests that read them. */
  textTestId?: string;
}) {
  const { fraction } = props;
  const percent = fraction === undefined ? 0 : Math.max(0, Math.min(100, fraction * 100));
  const level = fraction === undefined ? 'none' : meterLevel(fraction);
  return (
    <span className="meter-row" data-testid={props.testId} data-level={level} title={props.title}>
      <span className="meter-label">{props.label}</span>
      <span
        className="meter"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={props.text}
      >
        <span className={`meter-fill meter-${level}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="meter-text" data-testid={props.textTestId} title={props.title}>
        {props.text}
      </span>
    </span>
  );
}
