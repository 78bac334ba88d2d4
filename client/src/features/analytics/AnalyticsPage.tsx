import type { SessionUser } from '@shared';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { replaceSearch, useLocationSearch } from '../../navigation';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { AnalyticsHeader } from './AnalyticsHeader';
import { analyticsSearchOf, DEFAULT_WINDOW, parseAnalyticsSearch } from './analyticsSearch';
import { LiveAnalytics } from './LiveAnalytics';
import { PeriodChooser } from './period/PeriodChooser';
import { PeriodFilters } from './period/PeriodFilters';
import {
  almatyToday,
  parsePeriodSearch,
  periodRange,
  periodSearchOf,
  type PeriodName,
  type PeriodView,
} from './period/periodSearch';
import './analytics.css';
import './period/period.css';

// The long periods' charts load with Recharts, like the live board.
const PeriodBoard = lazy(() => import('./period/PeriodBoard').then((module) => ({ default: module.PeriodBoard })));

export interface AnalyticsPageProps {
  user: SessionUser;
}

/**
 * `/analytics`, the supervisors' charts. The live 24 h (pushed on the socket) or a longer
 * period (7 days, 30 days, a quarter, a year, a custom range) read over HTTP from the
 * archive, with its filters; both live in the address bar, so a view is a link.
 */
export function AnalyticsPage({ user }: AnalyticsPageProps) {
  const { t } = useTranslation();
  const search = useLocationSearch();
  // The named periods end on the day the page was opened (a reload moves them on).
  const [today] = useState(() => almatyToday(Date.now()));
  const view = useMemo(() => parsePeriodSearch(search, user.regions, today), [search, user.regions, today]);
  const choose = useCallback(
    (period: PeriodName) => {
      // The region and category travel between the live view and the periods.
      const live = parseAnalyticsSearch(search, user.regions);
      const region = view?.region ?? live.region;
      const category = view?.category ?? live.category;
      if (period === '24h') {
        replaceSearch(
          analyticsSearchOf({
            window: DEFAULT_WINDOW,
            ...(region ? { region } : {}),
            ...(category ? { category } : {}),
          }),
        );
        return;
      }
      const [from, to] = period === 'custom' ? (view ? [view.from, view.to] : periodRange('30d', today)) : ['', ''];
      const next: Omit<PeriodView, 'grain'> = { ...view, period, from, to, isGrainChosen: false };
      if (region) next.region = region;
      if (category) next.category = category;
      replaceSearch(periodSearchOf(next));
    },
    [search, user.regions, view, today],
  );
  const loading = (
    <p className="analytics__message" role="status" data-testid="period-loading">
      {t('analyticsPeriod.loading')}
    </p>
  );
  return (
    <div className="desk analytics-page" data-testid="analytics-page">
      <AnalyticsHeader />
      <main className="analytics">
        <PeriodChooser current={view?.period ?? '24h'} onChoose={choose} />
        {view === null ? (
          <LiveAnalytics user={user} search={search} />
        ) : (
          <>
            <PeriodFilters
              key={view.service ?? ''}
              view={view}
              scope={user.regions}
              onChange={(next) => replaceSearch(periodSearchOf(next))}
            />
            <Suspense fallback={loading}>
              <PeriodBoard view={view} scope={user.regions} />
            </Suspense>
          </>
        )}
      </main>
      <IncompatibleNotice />
    </div>
  );
}
