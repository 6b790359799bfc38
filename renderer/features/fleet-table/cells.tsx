import type { ReactNode } from 'react';
import type { Tone } from '../../ui/Badge';
import { meterLevel } from '../topology/Meter';
import type { Column } from './column';

/** A state in a cell: the coloured dot and the word, as the host list says it. */
export function StateCell(props: { tone: Tone; label: string; title?: string | undefined }) {
  return (
    <span className={`table-state state-text-${props.tone}`} title={props.title ?? props.label}>
      <span className={`dot state-dot-${props.tone}`} aria-hidden="true" />
      {props.label}
    </span>
  );
}

/**
 * A figure with a thin bar under the words, coloured as the cards' meters are. One element: the
 * bar is the span's background (a row is drawn as it scrolls in, so every node counts).
 */
export function BarCell(props: {
  fraction: number | undefined;
  text: string;
  title: string;
}): ReactNode {
  const { fraction } = props;
  if (fraction === undefined) {
    return (
      <span className="muted" title={props.title}>
        {props.text}
      </span>
    );
  }
  const percent = Math.max(0, Math.min(100, fraction * 100));
  return (
    <span
      className={`table-figure table-bar-${meterLevel(fraction)}`}
      title={props.title}
      style={{ '--fill': `${percent}%` } as React.CSSProperties}
    >
      {props.text}
    </span>
  );
}

/** Text that may be long (labels, reasons): one line, the whole of it in the tooltip. */
export function TextCell(props: { text: string | undefined; tone?: Tone }) {
  if (!props.text) return <span className="muted">—</span>;
  return (
    <span
      className={`table-text${props.tone ? ` state-text-${props.tone}` : ''}`}
      title={props.text}
    >
      {props.text}
    </span>
  );
}

export const percentText = (p: number) => `${p.toFixed(0)} %`;

/** The CPU column of either table: % of the host's cores or of the VM's vCPUs, from the sample. */
export function cpuColumn<R extends { cpuPercent: number | undefined }>(
  help: string,
  none: string,
  title: (row: R) => string,
): Column<R> {
  return {
    id: 'cpu',
    title: 'CPU',
    help,
    width: 100,
    numeric: true,
    sortKey: (r) => r.cpuPercent,
    cell: (r) => (
      <BarCell
        fraction={r.cpuPercent === undefined ? undefined : r.cpuPercent / 100}
        text={r.cpuPercent === undefined ? none : percentText(r.cpuPercent)}
        title={title(r)}
      />
    ),
  };
}
