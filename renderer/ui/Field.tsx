import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled input with its hint and its own error message, wired up for screen readers. */
export function Field(
  props: {
    label: string;
    hint?: ReactNode;
    error?: string | undefined;
    testId: string;
    /** Columns taken in a .form-grid (4 columns). */
    span?: 1 | 2 | 3 | 4;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>,
) {
  const { label, hint, error, testId, span = 2, ...input } = props;
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field span-${span}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p id={errorId} className="field-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
