import type { ReactNode } from 'react';

/** Tones shared by every state badge; the word is always shown too, never the colour alone. */
export type Tone = 'ok' | 'neutral' | 'busy' | 'warning' | 'serious' | 'danger' | 'info';

export function Badge(props: {
  tone: Tone;
  children: ReactNode;
  icon?: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge badge-${props.tone}`} title={props.title}>
      {props.tone === 'busy' && <span className="badge-pulse" aria-hidden="true" />}
      {props.icon}
      {props.children}
    </span>
  );
}

/** A warning triangle drawn inline (no icon font, no network). */
export function WarningIcon(props: { label?: string }) {
  return (
    <svg
      className="icon-warning"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : true}
    >
      <path d="M8 1.5 15 14.5H1Z" fill="currentColor" />
      <path
        className="icon-warning-cut"
        d="M8 6v4.2M8 11.8v1"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
