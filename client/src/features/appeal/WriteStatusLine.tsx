import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { errorKeyOf, isKnownErrorCode, waitingKeyOf, type WriteProgress } from './writeProgress';

export interface WriteStatusLineProps {
  progress: WriteProgress;
  /** What to say once the server accepted it ("Status change sent, waiting for confirmation…"). */
  sentText: string;
  /** What to say once the live view shows it. */
  confirmedText: string;
  onRetryNow?(): void;
  testId: string;
}

/**
 * The status line of an action (a polite live region): sending, waiting to send again
 * (with a countdown and "retry now"), sent, confirmed, or why the server refused, in the
 * UI language for the codes it knows. Its own component, so the countdown re-renders only it.
 */
export function WriteStatusLine({ progress, sentText, confirmedText, onRetryNow, testId }: WriteStatusLineProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const now = useNow();
  const text = ((): string | null => {
    switch (progress.state) {
      case 'idle':
        return null;
      case 'sending':
        return t('appeal.write.sending');
      case 'waiting':
        return t(waitingKeyOf(progress.status), { when: formatters.inFuture(progress.retryAt - now) });
      case 'sent':
        return sentText;
      case 'confirmed':
        return confirmedText;
      case 'refused':
        return t(errorKeyOf(progress.status, progress.error), { status: progress.status });
      case 'stopped':
        return t('appeal.write.stopped');
    }
  })();
  return (
    <p
      className={`write-status write-status--${progress.state}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-state={progress.state}
    >
      {text}
      {progress.state === 'refused' && progress.error && !isKnownErrorCode(progress.error.code) && (
        // A code this build has no words for: the server's own (English) message says what.
        <span className="write-status__detail" lang="en">
          {' '}
          ({progress.error.message})
        </span>
      )}
      {progress.state === 'waiting' && onRetryNow && (
        <>
          {' '}
          <button type="button" className="button button--small" onClick={onRetryNow}>
            {t('appeal.write.retryNow')}
          </button>
        </>
      )}
    </p>
  );
}
