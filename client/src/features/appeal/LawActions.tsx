import { isOpenStatus, type Appeal } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealPermissions } from './appealPermissions';
import { ExtendForm } from './ExtendForm';
import { FeedbackForm } from './FeedbackForm';
import { useAppealWrite } from './useAppealWrite';
import { WriteStatusLine } from './WriteStatusLine';

export interface LawActionsProps {
  appeal: Appeal;
  permissions: AppealPermissions;
}

/**
 * The law's clock's actions: a supervisor extends the legal term of an open appeal; an
 * agent (or supervisor) records the citizen's callback on a resolved one. Nothing shows
 * when neither applies. One write at a time, with its own status line.
 */
export function LawActions({ appeal, permissions }: LawActionsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const write = useAppealWrite();
  const canExtend = permissions.canExtend && isOpenStatus(appeal.status);
  // The server takes a callback on a resolved or closed appeal (closing does not wait for it).
  const canCallBack = permissions.canRecordFeedback && (appeal.status === 'resolved' || appeal.status === 'closed');
  if (!canExtend && !canCallBack && write.progress.state === 'idle') return null;
  const base = `/api/appeals/${encodeURIComponent(appeal.id)}`;
  return (
    <section className="panel appeal-actions" aria-labelledby={headingId} data-testid="appeal-law-actions">
      <h2 id={headingId} className="panel__title">
        {canCallBack ? t('feedback.title') : t('extend.title')}
      </h2>
      <div className="appeal-actions__body">
        {canCallBack && (
          <FeedbackForm
            isBusy={write.isBusy}
            testId="appeal-feedback"
            onSend={(body, onAccepted) =>
              write.send(
                `${base}/feedback`,
                body,
                t('feedback.what', { result: t(`feedback.results.${body.result}`) }),
                onAccepted,
              )
            }
          />
        )}
        {canExtend && (
          <ExtendForm
            appeal={appeal}
            isBusy={write.isBusy}
            onSend={(body, onAccepted) =>
              write.send(`${base}/extend`, body, t('extend.what', { months: body.months }), onAccepted)
            }
          />
        )}
        <WriteStatusLine
          progress={write.progress}
          sentText={t('appeal.write.sent', { what: write.what })}
          confirmedText={t('appeal.write.confirmed', { what: write.what })}
          onRetryNow={write.retryNow}
          testId="appeal-law-write-status"
        />
      </div>
    </section>
  );
}
