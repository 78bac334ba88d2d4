import type { SessionUser } from '@shared';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { replaceSearch, useLocationSearch } from '../../navigation';
import { PRODUCT_NAME } from '../../product';
import { UserMenu } from '../account/UserMenu';
import { CategoryTable } from './CategoryTable';
import { HeadlineFigures } from './HeadlineFigures';
import { IncidentList } from './IncidentList';
import { RegionTable } from './RegionTable';
import { ReportControls } from './ReportControls';
import { ReportMap } from './ReportMap';
import { ReportNotes } from './ReportNotes';
import { parseReportSearch, reportSearchOf, type ReportLocation } from './reportSearch';
import { ReportTitle } from './ReportTitle';
import { ServiceLeague } from './ServiceLeague';
import { useReport } from './useReport';
import './reports.css';
import './reportsPrint.css';

// Recharts loads with the chart, not with every page.
const ReportIntakeChart = lazy(() =>
  import('./ReportIntakeChart').then((module) => ({ default: module.ReportIntakeChart })),
);

export interface ReportsPageProps {
  user: SessionUser;
}

/**
 * `/reports`, the briefing note: one page a head of centre prints (A4 landscape) or sends
 * as a link. The address carries the period, the region and, once loaded, the moment the
 * figures are as of, so the link gives the same numbers later (README.md).
 */
export function ReportsPage({ user }: ReportsPageProps) {
  const { t } = useTranslation();
  const search = useLocationSearch();
  const [now] = useState(() => Date.now());
  const location = useMemo(() => parseReportSearch(search, user.regions, now), [search, user.regions, now]);
  const onChange = useCallback((next: ReportLocation) => replaceSearch(reportSearchOf(next)), []);
  const onFrozen = useCallback((asOf: string) => replaceSearch(reportSearchOf({ ...location, asOf })), [location]);
  const state = useReport(location, onFrozen);
  const data = state.data;
  const isNational = user.regions === 'all';
  return (
    <div className="desk report-page" data-testid="report-page" data-state={state.status}>
      <header className="page-header desk-header report-noprint">
        <h1 className="page-header__title">
          <span className="wall-header__product">{PRODUCT_NAME}</span>
          <span className="desk-header__title" data-testid="desk-title">
            {t('briefing.title')}
          </span>
        </h1>
        <UserMenu current="reports" />
        <LanguageSwitch />
      </header>
      <main className="report">
        <ReportControls
          location={location}
          scope={user.regions}
          now={now}
          summary={state.status === 'ready' ? state.data.summary : null}
          onChange={onChange}
        />
        {state.status === 'loading' && (
          <p className="report-message report-noprint" role="status" data-testid="report-loading">
            {t('briefing.loading')}
          </p>
        )}
        {state.status === 'failed' && (
          <p className="report-message report-message--error" role="alert" data-testid="report-error">
            {state.httpStatus === 403 ? t('briefing.forbidden') : t('briefing.failed')}
          </p>
        )}
        {data && (
          <article className="report-body" aria-busy={state.status === 'loading'} data-testid="report-body">
            <section className="report-section" aria-labelledby="report-figures">
              <ReportTitle
                summary={data.summary}
                isWholeScope={location.region === undefined}
                isNational={isNational}
              />
              <h2 id="report-figures" className="report-section__title">
                {t('briefing.figures.title')}
              </h2>
              <HeadlineFigures summary={data.summary} />
              <Suspense fallback={null}>
                <ReportIntakeChart summary={data.summary} />
              </Suspense>
            </section>
            <section className="report-section report-section--break" aria-labelledby="report-regions">
              <h2 id="report-regions" className="report-section__title">
                {t('briefing.regions.heading')}
              </h2>
              <RegionTable summary={data.summary} />
              <ReportMap summary={data.summary} />
            </section>
            <section className="report-section report-section--break" aria-labelledby="report-categories">
              <h2 id="report-categories" className="report-section__title">
                {t('briefing.categories.heading')}
              </h2>
              <CategoryTable summary={data.summary} previous={data.previous} />
              <h2 className="report-section__title">{t('briefing.services.heading')}</h2>
              <ServiceLeague summary={data.summary} />
            </section>
            <section className="report-section report-section--break" aria-labelledby="report-incidents">
              <h2 id="report-incidents" className="report-section__title">
                {t('briefing.incidents.heading')}
              </h2>
              <IncidentList incidents={data.incidents} />
              <h2 className="report-section__title">{t('briefing.notes.heading')}</h2>
              <ReportNotes />
            </section>
          </article>
        )}
      </main>
    </div>
  );
}
