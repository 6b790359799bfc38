import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

/** A labelled <select> laid out like Field, with its own error message. */
export function Choice(
  props: {
    label: string;
    testId: string;
    error?: string | undefined;
    span?: 1 | 2 | 3 | 4;
    children: ReactNode;
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>,
) {
  const { label, testId, error, span = 1, children, ...select } = props;
  const id = useId();
  return (
    <div className={`field span-${span}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
