import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import { followLink } from '../../navigation';
import { appealPath } from '../../routes';
import { FeedbackForm, type FeedbackBody } from '../appeal/FeedbackForm';
import { formatCountdown } from '../appeal/slaClock';
import { queueTimes, type QueueRow } from './qualityQueue';

export interface QueueRowViewProps {
  row: QueueRow;
  now: number;
  windowMs: number;
  isActive: boolean;
  isOpen: boolean;
  isBusy: boolean;
  onToggle(): void;
  onClose(): void;
  onSend(body: FeedbackBody): void;
}

/**
 * One appeal awaiting its callback: a button with what the agent needs before dialling
 * (id, category, service, outcome, days since resolution, time left in the window) that
 * opens the callback form under it. Only the active row's button is in the tab order
 * (a roving tab stop: Tab leaves the list, j/k move within it).
 */
export function QueueRowView({
  row,
  now,
  windowMs,
  isActive,
  isOpen,
  isBusy,
  onToggle,
  onClose,
  onSend,
}: QueueRowViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const { appeal } = row;
  const resolvedAt = row.since;
  // Against the ticking clock (the list itself is ordered once a minute).
  const { daysSinceResolution, windowLeftMs } = queueTimes(row.since, now, windowMs);
  return (
    <li
      className={`quality-row${isActive ? ' quality-row--active' : ''}${isOpen ? ' quality-row--open' : ''}`}
      data-testid="quality-row"
      data-appeal-id={appeal.id}
    >
      <button
        type="button"
        className="quality-row__open"
        tabIndex={isActive ? 0 : -1}
        aria-expanded={isOpen}
        data-testid="quality-row-open"
        onClick={onToggle}
      >
        <span className="quality-row__id">{appeal.id}</span>
        <span className="quality-row__what">
          {categoryName(appeal.category, language)}
          {' · '}
          {appeal.service ?? t('regionView.table.unassigned')}
        </span>
        <span className="quality-row__outcome" data-testid="quality-row-outcome">
          {appeal.outcome === null ? t('outcome.none') : t(`outcome.${appeal.outcome}`)}
        </span>
        <span className="quality-row__since">
          <time dateTime={formatters.isoInstant(resolvedAt)} title={formatters.dateTime(resolvedAt)}>
            {t('quality.resolvedDaysAgo', { days: daysSinceResolution })}
          </time>
        </span>
        <span className="quality-row__left">
          {t('quality.windowLeft', {
            time: formatCountdown(windowLeftMs, (days) => t('appeal.sla.days', { days })),
          })}
        </span>
      </button>
      <a className="quality-row__link" href={appealPath(appeal.id)} tabIndex={-1} onClick={followLink}>
        {t('quality.openAppeal')}
      </a>
      {isOpen && (
        <div className="quality-row__form">
          <FeedbackForm
            isBusy={isBusy}
            autoFocus
            onCancel={onClose}
            onSend={(body) => onSend(body)}
            testId="quality-feedback"
          />
        </div>
      )}
    </li>
  );
}
