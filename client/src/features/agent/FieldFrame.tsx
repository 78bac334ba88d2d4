import { useId, type ReactNode } from 'react';

/** What a control inside a FieldFrame needs to be labelled and to point at its message. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldFrameProps {
  label: string;
  /** Translated message under the control, or null. */
  error: string | null;
  /** `data-testid` of the message. */
  errorTestId?: string;
  children(control: FieldControlProps): ReactNode;
}

/**
 * A label, one control and its field message, linked for screen readers (label `for`,
 * `aria-invalid`, `aria-describedby`): the shape of every text field of the agent form.
 */
export function FieldFrame({ label, error, errorTestId, children }: FieldFrameProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <p id={errorId} className="field__error" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </div>
  );
}
