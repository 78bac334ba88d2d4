import type { ReportSummary } from '@shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { ColumnHead } from './ColumnHead';
import { changeOf } from './reportHeadlines';
import { ARROWS, changeNumber, figureText } from './reportText';

/** How many categories the briefing lists. */
export const TOP_CATEGORIES = 8;

export interface CategoryTableProps {
  summary: ReportSummary;
  /** The period just before (its own summary), for the trend; null when it could not be read. */
  previous: ReportSummary | null;
}

/** The busiest categories of the period (by appeals registered), their share and their trend against the period before. */
export function CategoryTable({ summary, previous }: CategoryTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const rows = useMemo(() => {
    const before = new Map(previous?.byCategory.map((c) => [c.category, c.figures.flow.registered]) ?? []);
    return summary.byCategory
      .filter((c) => c.figures.flow.registered > 0)
      .sort((a, b) => b.figures.flow.registered - a.figures.flow.registered || a.category.localeCompare(b.category))
      .slice(0, TOP_CATEGORIES)
      .map((c) => ({
        ...c,
        previous: previous === null ? null : (before.get(c.category) ?? 0),
      }));
  }, [summary, previous]);
  const total = summary.figures.flow.registered;
  return (
    <table className="report-table" data-testid="report-categories">
      <caption className="report-table__caption">{t('briefing.categories.title', { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('briefing.categories.category')}</th>
          <ColumnHead metric="flow.registered" label={t('briefing.figures.registered')} />
          <th scope="col">{t('briefing.categories.share')}</th>
          <th scope="col">{t('briefing.categories.previous')}</th>
          <th scope="col">{t('briefing.categories.trend')}</th>
          <ColumnHead metric="cohort.onTimeShare" label={t('briefing.figures.onTime')} />
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={6}>{t('briefing.empty')}</td>
          </tr>
        )}
        {rows.map((row) => {
          const registered = row.figures.flow.registered;
          const change = changeOf('count', null, registered, row.previous);
          const number = changeNumber('count', change, formatters);
          return (
            <tr key={row.category} data-category={row.category}>
              <th scope="row">{categoryName(row.category, language)}</th>
              <td className="report-table__number" data-column="registered" data-value={registered}>
                {formatters.count(registered)}
              </td>
              <td className="report-table__number">{total > 0 ? formatters.percent(registered / total) : '—'}</td>
              <td className="report-table__number">{figureText('count', row.previous, formatters)}</td>
              <td className="report-table__number" data-direction={change.direction}>
                {number === null ? '—' : `${ARROWS[change.direction]} ${number}`}
              </td>
              <td className="report-table__number">
                {figureText('share', row.figures.cohort.onTimeShare, formatters)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
