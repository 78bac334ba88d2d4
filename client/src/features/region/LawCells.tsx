import { almatyDateOf, type Appeal, confirmationOf } from '@shared';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { formatLocalDate, legalClock, legalClockText } from '../appeal/legalClock';
import { useConfirmationWindow } from '../appeal/useConfirmationWindow';
import { useWorkingCalendar } from '../appeal/useWorkingCalendar';

export interface LawCellsProps {
  column: 'legalDueAt' | 'outcome';
  appeal: Appeal;
  minute: number;
  language: Language;
}

/**
 * The region table's cells of the law's clock (issue 17): the legal deadline in working
 * days (the date in the title, "provisional" marked), and the outcome with the citizen's
 * confirmation.
 */
export function LawCells({ column, appeal, minute, language }: LawCellsProps) {
  const { t } = useTranslation();
  const calendar = useWorkingCalendar();
  const windowMs = useConfirmationWindow();
  if (column === 'legalDueAt') {
    const clock = legalClock(appeal, minute, calendar);
    const text = legalClockText(clock);
    const date = formatLocalDate(almatyDateOf(clock.dueAt), language);
    const title = `${t('legal.due', { date })}${clock.provisional ? ` (${t('legal.provisional')})` : ''}`;
    return (
      <time
        dateTime={clock.dueDate}
        title={title}
        className={clock.state === 'overdue' ? 'region-row__overdue' : undefined}
        data-testid="region-row-legal"
        data-state={clock.state}
      >
        {t(`legal.${text.key}`, { days: text.days })}
        {clock.provisional && '*'}
      </time>
    );
  }
  const confirmation = confirmationOf(appeal, minute, windowMs);
  const parts = [
    appeal.outcome === null ? null : t(`outcome.${appeal.outcome}`),
    confirmation === null ? null : t(`confirmation.${confirmation}`),
  ].filter((part): part is string => part !== null);
  const text = parts.length === 0 ? NO_VALUE : parts.join(' · ');
  return (
    <span title={text} data-testid="region-row-outcome" data-confirmation={confirmation ?? ''}>
      {text}
    </span>
  );
}
