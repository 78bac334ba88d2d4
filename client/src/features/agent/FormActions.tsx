import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isPendingPhase } from './useWrite';
import type { WritePhase } from './writeRunner';

export interface FormActionsProps {
  phase: WritePhase | null;
  /** "Clear" was pressed (or Escape): ask before dropping what was typed. */
  isAskingClear: boolean;
  onAskClear(): void;
  onClear(): void;
  onKeep(): void;
  onRetryNow(): void;
  onStop(): void;
}

/**
 * Register (Ctrl+Enter), Clear (Escape) with its in-place question, and while a send is
 * retried: "retry now" and "stop and edit". The question takes focus on its "Clear"
 * button, so Escape then Enter clears and a second Escape keeps everything.
 */
export function FormActions({
  phase,
  isAskingClear,
  onAskClear,
  onClear,
  onKeep,
  onRetryNow,
  onStop,
}: FormActionsProps) {
  const { t } = useTranslation();
  const clearRef = useRef<HTMLButtonElement>(null);
  const isPending = isPendingPhase(phase);

  useEffect(() => {
    if (isAskingClear) clearRef.current?.focus();
  }, [isAskingClear]);

  return (
    <>
      <div className="agent-form__actions">
        <button type="submit" className="button button--primary" data-testid="agent-submit" disabled={isPending}>
          {t('agent.form.submit')}
        </button>
        <button type="button" className="button" data-testid="agent-clear" disabled={isPending} onClick={onAskClear}>
          {t('agent.form.clear')}
        </button>
        {phase?.phase === 'waiting' && (
          <button type="button" className="button" data-testid="agent-retry-now" onClick={onRetryNow}>
            {t('agent.submit.retryNow')}
          </button>
        )}
        {isPending && (
          <button type="button" className="button" data-testid="agent-stop" onClick={onStop}>
            {t('agent.submit.stop')}
          </button>
        )}
      </div>
      {isAskingClear && (
        <div className="agent-form__confirm" role="alertdialog" aria-label={t('agent.form.clearQuestion')}>
          <span>{t('agent.form.clearQuestion')}</span>
          <button
            ref={clearRef}
            type="button"
            className="button button--danger"
            data-testid="agent-clear-confirm"
            onClick={onClear}
          >
            {t('agent.form.clearConfirm')}
          </button>
          <button type="button" className="button" data-testid="agent-clear-cancel" onClick={onKeep}>
            {t('agent.form.clearCancel')}
          </button>
        </div>
      )}
    </>
  );
}
