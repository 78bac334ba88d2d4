import { confirmationOf, type Appeal } from '@shared';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';

export interface ConfirmationLineProps {
  appeal: Appeal;
  now: number;
  windowMs: number;
  testId: string;
}

/** What the citizen said at the callback (with the rating and when), or that the callback is still due. */
export function ConfirmationLine({ appeal, now, windowMs, testId }: ConfirmationLineProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const confirmation = confirmationOf(appeal, now, windowMs);
  const { feedback } = appeal;
  return (
    <span className="confirmation-line" data-testid={testId} data-confirmation={confirmation ?? ''}>
      {confirmation === null ? NO_VALUE : t(`confirmation.${confirmation}`)}
      {feedback?.rating !== undefined && ` · ${t('confirmation.rating', { rating: feedback.rating })}`}
      {feedback && (
        <span className="confirmation-line__when">
          {' · '}
          <time dateTime={formatters.isoInstant(feedback.at)}>{formatters.dateTime(feedback.at)}</time>
        </span>
      )}
      {feedback?.comment !== undefined && <q className="confirmation-line__comment">{feedback.comment}</q>}
    </span>
  );
}
