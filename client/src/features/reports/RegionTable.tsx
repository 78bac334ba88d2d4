import type { ReportSummary } from '@shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { ColumnHead } from './ColumnHead';
import { REGION_COLUMNS, regionRows } from './regionRows';
import { figureText } from './reportText';

export interface RegionTableProps {
  summary: ReportSummary;
}

/** One row per region of the report's scope (every one, with or without appeals), and the total. */
export function RegionTable({ summary }: RegionTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const rows = useMemo(() => regionRows(summary, (code) => regionName(code, language)), [summary, language]);
  return (
    <table className="report-table" data-testid="report-regions">
      <caption className="report-table__caption">{t('briefing.regions.title', { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('briefing.regions.region')}</th>
          {REGION_COLUMNS.map((column) => (
            <ColumnHead key={column.key} metric={column.metric} label={t(`briefing.figures.${column.key}`)} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.region} data-region={row.region}>
            <th scope="row">{row.name}</th>
            {REGION_COLUMNS.map((column) => {
              const value = column.value(row.figures);
              return (
                <td key={column.key} className="report-table__number" data-column={column.key} data-value={value ?? ''}>
                  {figureText(column.kind, value, formatters)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {rows.length > 1 && (
        <tfoot>
          <tr data-region="total">
            <th scope="row">{t('briefing.regions.total')}</th>
            {REGION_COLUMNS.map((column) => (
              <td key={column.key} className="report-table__number" data-column={column.key}>
                {figureText(column.kind, column.value(summary.figures), formatters)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
