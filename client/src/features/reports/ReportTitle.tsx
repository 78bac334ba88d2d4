import type { ReportSummary } from '@shared';
import { useTranslation } from 'react-i18next';
import { regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { dayText } from './reportText';

export interface ReportTitleProps {
  summary: ReportSummary;
  /** Every region of the caller's scope is in the report (a national user: Kazakhstan). */
  isWholeScope: boolean;
  isNational: boolean;
}

/**
 * The report's own heading, printed at the top of the first page: what, where, which days,
 * as of when, and the address that gives the same numbers later (while the rollups are being
 * recomputed, instead of it: the note that the figures are not final).
 */
export function ReportTitle({ summary, isWholeScope, isNational }: ReportTitleProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const where =
    isWholeScope && isNational
      ? t('briefing.region.country')
      : summary.regions.map((code) => regionName(code, language)).join(', ');
  const frozenUrl = `${window.location.origin}/reports${summary.link.slice(summary.link.indexOf('?'))}`;
  return (
    <header className="report-title">
      <h2 className="report-title__name" data-testid="report-heading">
        {t('briefing.title')}: {where}
      </h2>
      <p className="report-title__period" data-testid="report-period-text">
        {t('briefing.periodText', { from: dayText(summary.from), to: dayText(summary.to) })}
        {' · '}
        <span data-testid="report-asof">
          {t('briefing.asOf', { time: formatters.dateTime(Date.parse(summary.asOf)) })}
        </span>
      </p>
      <p className="report-title__compare">
        {t('briefing.compared', {
          previous: `${dayText(summary.previous.from)}–${dayText(summary.previous.to)}`,
          yearAgo: `${dayText(summary.yearAgo.from)}–${dayText(summary.yearAgo.to)}`,
        })}
      </p>
      {summary.recomputing === null ? (
        <p className="report-title__link">
          {t('briefing.frozen')}{' '}
          <span className="report-title__url" data-testid="report-link">
            {frozenUrl}
          </span>
        </p>
      ) : (
        // Printed too: a copy made now says its figures are not final (and carries no frozen link).
        <p className="report-recomputing" role="status" data-testid="report-recomputing">
          {t('briefing.recomputing', { days: formatters.count(summary.recomputing.days) })}
        </p>
      )}
    </header>
  );
}
