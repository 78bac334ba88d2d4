import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmButtonProps {
  /** Text of the first button. */
  label: string;
  /** The question asked before acting. */
  question: string;
  onConfirm(): void;
  /** `data-testid` of the first button; the confirm button gets `<testId>-confirm`. */
  testId: string;
  disabled?: boolean;
}

/**
 * A button for something that cannot be undone: the first press asks, in place, and only
 * "Confirm" acts. Focus goes to "Cancel" so a double Enter does nothing harmful; Escape
 * cancels. (Inline rather than `window.confirm`, which kiosk browsers may suppress.)
 */
export function ConfirmButton({ label, question, onConfirm, testId, disabled }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [isAsking, setIsAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (isAsking) cancelRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);

  if (!isAsking) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button button--small"
        data-testid={testId}
        disabled={disabled}
        onClick={() => setIsAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setIsAsking(false);
      }}
    >
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className="button button--small button--danger"
        data-testid={`${testId}-confirm`}
        onClick={() => {
          setIsAsking(false);
          onConfirm();
        }}
      >
        {t('admin.confirm')}
      </button>
      <button ref={cancelRef} type="button" className="button button--small" onClick={() => setIsAsking(false)}>
        {t('admin.cancel')}
      </button>
    </span>
  );
}
