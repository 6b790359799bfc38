import type { CSSProperties } from 'react';

/** How full a meter looks: the fill turns warning past 80 %, danger past 95 % (or over capacity). */
export function meterLevel(fraction: number): 'ok' | 'high' | 'full' {
  if (fraction >= 0.95) return 'full';
  if (fraction >= 0.8) return 'high';
  return 'ok';
}

/**
 * A meter's look and its ARIA: the fill's width as the CSS the bars read (`--fill`, 0–100 %), how
 * full it looks, and the `meter` role with its value in words.
 */
function meterProps(fraction: number | undefined, label: string, text: string) {
  const percent = fraction === undefined ? 0 : Math.max(0, Math.min(100, fraction * 100));
  const level = fraction === undefined ? 'none' : meterLevel(fraction);
  return {
    level,
    attributes: {
      role: 'meter',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': Math.round(percent),
      'aria-valuetext': text,
      style: { '--fill': `${percent}%` } as CSSProperties,
    },
  };
}

/**
 * A small labelled bar: used against capacity, with the figures in words beside it. Without a
 * fraction (no sample yet) the bar is empty and the words say why. The fill is the track's
 * background (no element of its own): cards are drawn as they scroll in, and every node counts.
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
  const { level, attributes } = meterProps(props.fraction, props.label, props.text);
  return (
    <span className="meter-row" data-testid={props.testId} data-level={level} title={props.title}>
      <span className="meter-label">{props.label}</span>
      <span className={`meter meter-${level}`} {...attributes} />
      <span className="meter-text" data-testid={props.textTestId} title={props.title}>
        {props.text}
      </span>
    </span>
  );
}

/**
 * A VM card's meter in two elements, not five: its label, then the figure with the bar drawn
 * under it as the background. A card holds ten VMs with two meters each: with the host meters'
 * fills as backgrounds too, a card of 10 VMs (the big demo's) went from 191 nodes to 145.
 */
export function SlimMeter(props: {
  label: string;
  fraction: number | undefined;
  text: string;
  title: string;
}) {
  const { level, attributes } = meterProps(props.fraction, props.label, props.text);
  return (
    <span
      className={`slim-meter meter-${level}`}
      {...attributes}
      data-level={level}
      title={props.title}
    >
      <span className="meter-label">{props.label}</span>
      {props.text}
    </span>
  );
}
