import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { submissionState, submissionText, type LastSubmitted } from './submissionNotice';
import type { WritePhase } from './writeRunner';

export interface SubmissionStatusProps {
  phase: WritePhase | null;
  hasProblems: boolean;
  last: LastSubmitted | null;
}

/**
 * The form's status line (a polite live region): sending, "no connection, will retry in…",
 * sent, confirmed. Its own component, so the once-a-second countdown re-renders only this line.
 */
export function SubmissionStatus({ phase, hasProblems, last }: SubmissionStatusProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const now = useNow();
  const state = submissionState(phase, hasProblems, last);
  return (
    <p
      className={`agent-form__status agent-form__status--${state}`}
      role="status"
      aria-live="polite"
      data-testid="agent-submit-status"
      data-state={state}
    >
      {submissionText(state, phase, last, t, formatters, now)}
    </p>
  );
}
