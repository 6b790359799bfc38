import type { ButtonHTMLAttributes } from 'react';

/** `chrome`: a quiet button on the dark top bar. */
type Variant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'chrome';

/** The one button: a real <button>, type="button" unless told, so no form submits by accident. */
export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'normal' | 'small';
  busy?: boolean;
}) {
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button type={type} className={classes} disabled={disabled ?? busy} aria-busy={busy} {...rest}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
