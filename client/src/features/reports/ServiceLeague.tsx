import type { ReportSummary } from '@shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { INTL_LOCALES } from '../../i18n/languages';
import { figureText } from './reportText';
import {
  DEFAULT_LEAGUE_SORT,
  LEAGUE_COLUMNS,
  leagueValue,
  sortLeague,
  worstServices,
  WORST_MIN_RESOLVED,
  type LeagueColumn,
  type LeagueRow,
  type LeagueSort,
} from './serviceLeague';

export interface ServiceLeagueProps {
  summary: ReportSummary;
}

const KIND: Record<Exclude<LeagueColumn, 'name'>, 'count' | 'share' | 'duration'> = {
  responded: 'count',
  medianResponse: 'duration',
  onTime: 'share',
  overdueNow: 'count',
  reopenRate: 'share',
};

function LeagueTable({
  rows,
  sort,
  onSort,
  testId,
  caption,
}: {
  rows: LeagueRow[];
  sort: LeagueSort | null;
  onSort?: (column: LeagueColumn) => void;
  testId: string;
  caption: string;
}) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  return (
    <table className="report-table report-league" data-testid={testId}>
      <caption className="report-table__caption">{caption}</caption>
      <thead>
        <tr>
          {LEAGUE_COLUMNS.map((column) => {
            const label = t(`briefing.services.${column}`);
            const ariaSort = sort?.column === column ? sort.direction : undefined;
            return (
              <th key={column} scope="col" aria-sort={ariaSort} data-column={column}>
                {onSort ? (
                  <button
                    type="button"
                    className="report-sort"
                    onClick={() => onSort(column)}
                    data-testid={`league-sort-${column}`}
                  >
                    {label}
                    <span aria-hidden="true">
                      {ariaSort === 'ascending' ? ' ▲' : ariaSort === 'descending' ? ' ▼' : ''}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={LEAGUE_COLUMNS.length}>{t('briefing.empty')}</td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={row.service} data-service={row.service}>
            <th scope="row">{row.name ?? row.service}</th>
            {LEAGUE_COLUMNS.slice(1).map((column) => {
              const value = leagueValue(row, column) as number | null;
              const kind = KIND[column as Exclude<LeagueColumn, 'name'>];
              return (
                <td key={column} className="report-table__number" data-column={column} data-value={value ?? ''}>
                  {figureText(kind, value, formatters)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Service organisations: the whole league on screen (sortable by any column), the worst
 * ones on paper (print CSS shows one or the other).
 */
export function ServiceLeague({ summary }: ServiceLeagueProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [sort, setSort] = useState<LeagueSort>(DEFAULT_LEAGUE_SORT);
  const collate = useMemo(() => new Intl.Collator(INTL_LOCALES[language]).compare, [language]);
  const rows = summary.byService as LeagueRow[];
  const sorted = useMemo(() => sortLeague(rows, sort, collate), [rows, sort, collate]);
  const worst = useMemo(() => worstServices(rows), [rows]);
  const onSort = (column: LeagueColumn) =>
    setSort((s) =>
      s.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: column === 'name' ? 'ascending' : 'descending' },
    );
  return (
    <>
      <div className="report-screen-only">
        <LeagueTable
          rows={sorted}
          sort={sort}
          onSort={onSort}
          testId="report-services"
          caption={t('briefing.services.title', { count: rows.length })}
        />
      </div>
      <div className="report-print-only">
        <LeagueTable
          rows={worst}
          sort={null}
          testId="report-worst-services"
          caption={t('briefing.services.worst', { count: worst.length, min: WORST_MIN_RESOLVED })}
        />
      </div>
      <p className="report-note">{t('briefing.services.note')}</p>
    </>
  );
}
