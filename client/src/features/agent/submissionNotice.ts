import type { TFunction } from 'i18next';
import type { Formatters } from '../../i18n/format';
import type { WritePhase } from './writeRunner';

/** What the form's status line says (`data-state` of `agent-submit-status`). */
export type SubmissionState = 'idle' | 'sending' | 'waiting' | 'stopped' | 'invalid' | 'refused' | 'sent' | 'confirmed';

export interface LastSubmitted {
  appealId: string;
  delivery: 'sent' | 'confirmed';
}

/**
 * The state of the status line: a write under way first (sending, waiting to retry), then
 * a problem with the last attempt (invalid fields, refused, stopped), then how the last
 * registered appeal is doing (sent, confirmed). Pure.
 */
export function submissionState(
  phase: WritePhase | null,
  hasProblems: boolean,
  last: LastSubmitted | null,
): SubmissionState {
  if (phase?.phase === 'sending') return 'sending';
  if (phase?.phase === 'waiting') return 'waiting';
  if (hasProblems) return 'invalid';
  if (phase?.phase === 'refused') return 'refused';
  if (phase?.phase === 'stopped') return 'stopped';
  return last ? last.delivery : 'idle';
}

/** The status line's text, in the UI language; null for none. `now` counts down to the retry. */
export function submissionText(
  state: SubmissionState,
  phase: WritePhase | null,
  last: LastSubmitted | null,
  t: TFunction,
  formatters: Formatters,
  now: number,
): string | null {
  switch (state) {
    case 'idle':
    case 'refused':
      // A refusal is said by the form-wide message or on the fields.
      return null;
    case 'sending':
      return t('agent.submit.sending');
    case 'waiting': {
      if (phase?.phase !== 'waiting') return null;
      const when = formatters.inFuture(phase.retryAt - now);
      if (phase.status === 0) return t('agent.submit.offline', { when, attempt: phase.attempt });
      if (phase.status === 429) return t('agent.submit.busy', { when });
      return t('agent.submit.serverError', { when, status: phase.status });
    }
    case 'stopped':
      return t('agent.submit.stopped');
    case 'invalid':
      return t('agent.submit.invalid');
    case 'sent':
      return t('agent.submit.sent', { id: last?.appealId ?? '' });
    case 'confirmed':
      return t('agent.submit.confirmed', { id: last?.appealId ?? '' });
  }
}
