import type { NotableIncident, NotableIncidents } from '@shared';
import { useTranslation } from 'react-i18next';
import { followLink } from '../../navigation';
import { categoryName, regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { incidentPath } from '../../routes';

export interface IncidentListProps {
  /** null: the incidents could not be read (the rest of the report stands). */
  incidents: NotableIncidents | null;
}

function IncidentTable({ rows, kind }: { rows: NotableIncident[]; kind: 'biggest' | 'longest' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  return (
    <table className="report-table" data-testid={`report-incidents-${kind}`}>
      <caption className="report-table__caption">{t(`briefing.incidents.${kind}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('briefing.incidents.title')}</th>
          <th scope="col">{t('briefing.regions.region')}</th>
          <th scope="col">{t('briefing.categories.category')}</th>
          <th scope="col">{t('briefing.incidents.opened')}</th>
          <th scope="col">{t('briefing.incidents.open')}</th>
          <th scope="col">{t('briefing.incidents.appeals')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={6}>{t('briefing.incidents.none')}</td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={row.id} data-incident={row.id}>
            <th scope="row">
              <a href={incidentPath(row.id)} onClick={followLink}>
                {row.title}
              </a>
              {row.status === 'open' && <span className="report-tag"> {t('briefing.incidents.stillOpen')}</span>}
            </th>
            <td>{regionName(row.region, language)}</td>
            <td>{categoryName(row.category, language)}</td>
            <td>{formatters.dateTime(Date.parse(row.openedAt))}</td>
            <td className="report-table__number">{formatters.duration(row.openMs)}</td>
            <td className="report-table__number" data-value={row.appeals}>
              {formatters.count(row.appeals)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Notable incidents of the period: the biggest by linked appeals and the longest open, as of the report's moment. */
export function IncidentList({ incidents }: IncidentListProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  if (incidents === null) return <p className="report-note">{t('briefing.incidents.failed')}</p>;
  return (
    <>
      <p className="report-note" data-testid="report-incidents-total">
        {t('briefing.incidents.total', { count: incidents.total, total: formatters.count(incidents.total) })}
      </p>
      <IncidentTable rows={incidents.biggest} kind="biggest" />
      <IncidentTable rows={incidents.longest} kind="longest" />
    </>
  );
}
