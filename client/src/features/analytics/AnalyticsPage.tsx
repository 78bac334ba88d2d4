import type { AnalyticsFilter, RegionCode, SessionUser } from '@shared';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, replaceSearch, useLocationSearch } from '../../navigation';
import { useAnalytics } from '../../realtime/hooks';
import { regionPath } from '../../routes';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { AnalyticsFilters } from './AnalyticsFilters';
import { AnalyticsHeader } from './AnalyticsHeader';
import { analyticsSearchOf, parseAnalyticsSearch } from './analyticsSearch';
import './analytics.css';

// Recharts (≈100 kB gzipped) loads with the board, not with every page.
const AnalyticsBoard = lazy(() => import('./AnalyticsBoard').then((module) => ({ default: module.AnalyticsBoard })));

export interface AnalyticsPageProps {
  user: SessionUser;
}

function openRegion(code: RegionCode): void {
  navigate(regionPath(code));
}

/**
 * `/analytics`, the supervisors' charts: response times over 24 h, regions against the
 * SLA, the distribution of response times, intake per hour, the last hour against
 * yesterday, and the alerts in force. The filter lives in the address bar, so a view is
 * a link; the server pushes fresh series every ANALYTICS_INTERVAL_MS.
 */
export function AnalyticsPage({ user }: AnalyticsPageProps) {
  const { t } = useTranslation();
  const search = useLocationSearch();
  const filter = useMemo(() => parseAnalyticsSearch(search, user.regions), [search, user.regions]);
  const { analytics, error } = useAnalytics(filter);
  const onFilterChange = useCallback((next: AnalyticsFilter) => replaceSearch(analyticsSearchOf(next)), []);
  const loading = (
    <p className="analytics__message" role="status" data-testid="analytics-loading">
      {t('analytics.loading')}
    </p>
  );
  return (
    <div className="desk analytics-page" data-testid="analytics-page">
      <AnalyticsHeader />
      <main className="analytics">
        <AnalyticsFilters filter={filter} scope={user.regions} onChange={onFilterChange} />
        {error !== null && (
          <p
            className="analytics__message analytics__message--error"
            role="alert"
            data-testid="analytics-error"
            data-error={error}
          >
            {t('analytics.error')}
          </p>
        )}
        {analytics === null ? (
          error === null && loading
        ) : (
          <Suspense fallback={loading}>
            <AnalyticsBoard analytics={analytics} scope={user.regions} onSelectRegion={openRegion} />
          </Suspense>
        )}
      </main>
      <IncompatibleNotice />
    </div>
  );
}
