import type { RegionCode } from '@shared';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useResource } from '../admin/useResource';
import { organisationName } from '../services/serviceOptions';
import { useServicesApi } from '../services/servicesApi';
import '../services/services.css';
import { sortServiceLoad, type ServiceSort } from './serviceLoadSort';

export interface ServicesPanelProps {
  regions: readonly RegionCode[];
}

/** How often the figures are fetched again (they move with every assignment and resolution). */
const REFRESH_MS = 15_000;

/**
 * The region's services by load (issue 17): open, overdue, resolved today and median response
 * per organisation, sortable by load or overdue. Free text outside the directory is its own
 * row, marked so. The legal-deadline column shows once the server computes it.
 */
export function ServicesPanel({ regions }: ServicesPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const api = useServicesApi();
  const headingId = useId();
  const key = regions.join(',');
  const load = useResource(useCallback(() => api.load(key.split(',') as RegionCode[]), [api, key]));
  const { reload } = load;
  const [sort, setSort] = useState<ServiceSort>('open');

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const rows = useMemo(() => sortServiceLoad(load.data?.services ?? [], sort), [load.data, sort]);
  const hasLegal = rows.some((r) => r.legalOverdue !== null);

  const sortHeader = (by: ServiceSort, label: string) => (
    <th scope="col" aria-sort={sort === by ? 'descending' : 'none'}>
      <button
        type="button"
        className="services-panel__sort"
        title={t('services.load.sortBy', { column: label })}
        data-testid={`services-sort-${by}`}
        onClick={() => setSort(by)}
      >
        {label}
      </button>
    </th>
  );

  return (
    <section className="panel services-panel" aria-labelledby={headingId} data-testid="services-panel">
      <h2 id={headingId} className="panel__title">
        {t('services.load.title')}
      </h2>
      {load.hasFailed && <p role="alert">{t('services.load.loadFailed')}</p>}
      {load.data && rows.length === 0 && <p>{t('services.load.empty')}</p>}
      {rows.length > 0 && (
        <table className="services-panel__table">
          <thead>
            <tr>
              <th scope="col">{t('services.load.service')}</th>
              {sortHeader('open', t('services.load.open'))}
              {sortHeader('overdue', t('services.load.overdue'))}
              {hasLegal && <th scope="col">{t('services.load.legalOverdue')}</th>}
              {sortHeader('resolvedToday', t('services.load.resolvedToday'))}
              <th scope="col">{t('services.load.medianResponse')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.serviceId ?? `text:${row.service}`}
                data-testid="services-panel-row"
                data-bin={row.serviceId ?? ''}
              >
                <th scope="row">
                  {row.name ? organisationName({ name: row.name }, language) : row.service}
                  {row.serviceId === null && (
                    <span className="services-panel__free">{t('services.load.notInDirectory')}</span>
                  )}
                </th>
                <td data-testid="services-panel-open">{formatters.count(row.open)}</td>
                <td className={row.overdue > 0 ? 'services-panel__overdue' : undefined}>
                  {formatters.count(row.overdue)}
                </td>
                {hasLegal && <td>{row.legalOverdue === null ? '—' : formatters.count(row.legalOverdue)}</td>}
                <td>{formatters.count(row.resolvedToday)}</td>
                <td>{formatters.duration(row.medianResponseMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
