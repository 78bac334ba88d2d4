import type { AnalyticsFilter, RegionCode, SessionUser } from '@shared';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, replaceSearch } from '../../navigation';
import { useAnalytics } from '../../realtime/hooks';
import { regionPath } from '../../routes';
import { AnalyticsFilters } from './AnalyticsFilters';
import { analyticsSearchOf, parseAnalyticsSearch } from './analyticsSearch';

// Recharts (≈100 kB gzipped) loads with the board, not with every page.
const AnalyticsBoard = lazy(() => import('./AnalyticsBoard').then((module) => ({ default: module.AnalyticsBoard })));

function openRegion(code: RegionCode): void {
  navigate(regionPath(code));
}

/**
 * The live 24 h of /analytics: response times over 24 h, regions against the SLA, the
 * distribution of response times, intake per hour and the alerts in force, pushed by the
 * server every ANALYTICS_INTERVAL_MS for the filter in the address bar.
 */
export function LiveAnalytics({ user, search }: { user: SessionUser; search: string }) {
  const { t } = useTranslation();
  const filter = useMemo(() => parseAnalyticsSearch(search, user.regions), [search, user.regions]);
  const { analytics, error } = useAnalytics(filter);
  const onFilterChange = useCallback((next: AnalyticsFilter) => replaceSearch(analyticsSearchOf(next)), []);
  const loading = (
    <p className="analytics__message" role="status" data-testid="analytics-loading">
      {t('analytics.loading')}
    </p>
  );
  return (
    <>
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
    </>
  );
}
