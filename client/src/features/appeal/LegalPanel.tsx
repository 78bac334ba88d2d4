import { useId } from 'react';
import './legal.css';
import { useTranslation } from 'react-i18next';
import { almatyDateOf, type Appeal } from '@shared';
import { useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { ConfirmationLine } from './ConfirmationLine';
import { formatLocalDate, legalClock, legalClockText, redirectClock } from './legalClock';
import { useWorkingCalendar } from './useWorkingCalendar';

export interface LegalPanelProps {
  appeal: Appeal;
  /** The confirmation window, ms (CONFIRMATION_WINDOW_DAYS). */
  windowMs: number;
}

/**
 * The law's clock beside the operational one: the legal deadline as a date in the UI
 * language with working days left (or overdue by), "provisional" when a year of the span
 * is not verified on the calendar, an extension with its reason, the redirect term while
 * it still matters; then how the appeal ended (outcome) and what the citizen said.
 */
export function LegalPanel({ appeal, windowMs }: LegalPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const calendar = useWorkingCalendar();
  const headingId = useId();
  const hintId = useId();
  const clock = legalClock(appeal, now, calendar);
  const text = legalClockText(clock);
  const redirect = redirectClock(appeal, now, calendar);
  const date = (ms: number) => formatLocalDate(almatyDateOf(ms), language);
  return (
    <section className="panel appeal-legal" aria-labelledby={headingId} data-testid="appeal-legal">
      <h2 id={headingId} className="panel__title">
        {t('legal.title')}
      </h2>
      <dl className="appeal-legal__list">
        <div className={`appeal-legal__item appeal-legal__item--${clock.state}`} data-state={clock.state}>
          <dt>{t('legal.deadline')}</dt>
          <dd className="appeal-legal__clock" data-testid="appeal-legal-clock">
            {t(`legal.${text.key}`, { days: text.days })}
          </dd>
          <dd className="appeal-legal__date" data-testid="appeal-legal-date">
            <time dateTime={clock.dueDate}>{t('legal.due', { date: formatLocalDate(clock.dueDate, language) })}</time>
            {clock.provisional && (
              <>
                {' '}
                <span
                  className="appeal-legal__provisional"
                  aria-describedby={hintId}
                  data-testid="appeal-legal-provisional"
                >
                  {t('legal.provisional')}
                </span>
                <span id={hintId} className="appeal-legal__hint">
                  {t('legal.provisionalHint')}
                </span>
              </>
            )}
          </dd>
          <dd className="appeal-legal__rule">{t('legal.rule')}</dd>
          {appeal.extension && (
            <dd className="appeal-legal__extension" data-testid="appeal-legal-extension">
              {t('legal.extended', {
                months: appeal.extension.months,
                date: formatLocalDate(clock.dueDate, language),
                reason: appeal.extension.reason,
              })}
            </dd>
          )}
        </div>
        {redirect && (
          <div className="appeal-legal__item" data-testid="appeal-legal-redirect">
            <dt>{t('legal.redirectTitle')}</dt>
            <dd>
              {t(redirect.daysLeft === 0 ? 'legal.redirectLastDay' : 'legal.redirect', {
                date: date(redirect.dueAt),
                days: redirect.daysLeft,
              })}
            </dd>
          </div>
        )}
        <div className="appeal-legal__item">
          <dt>{t('outcome.label')}</dt>
          <dd data-testid="appeal-outcome" data-outcome={appeal.outcome ?? ''}>
            {appeal.outcome === null ? t('outcome.none') : t(`outcome.${appeal.outcome}`)}
          </dd>
        </div>
        <div className="appeal-legal__item">
          <dt>{t('confirmation.label')}</dt>
          <dd>
            <ConfirmationLine appeal={appeal} now={now} windowMs={windowMs} testId="appeal-confirmation" />
          </dd>
        </div>
      </dl>
    </section>
  );
}
