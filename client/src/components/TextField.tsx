import type { InputHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValueChange(value: string): void;
  /** Translated field message, shown under the input and linked to it for screen readers. */
  error: string | null;
  /** Id of the message element (must be unique on the page). */
  errorId: string;
  testId: string;
}

/** A labelled text input with its field-level message: the one shape every form here uses. */
export function TextField({ label, value, onValueChange, error, errorId, testId, ...input }: TextFieldProps) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="field__input"
        data-testid={testId}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onValueChange(event.target.value)}
        {...input}
      />
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </label>
  );
}
