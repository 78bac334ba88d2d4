import type { Analytics } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { selectKpis } from '../../state/kpis';
import { HeadlineNumbers } from '../analytics/charts/HeadlineNumbers';
import { PanelAsOf } from './PanelAsOf';

export interface HeadlineRowProps {
  analytics: Analytics | null;
}

/**
 * The national figures across the screen: backlog, overdue, registered today and the
 * median response (live stats), then SLA compliance and first-call resolution with their
 * trend arrows (the analytics series). The test ids are the dashboard's KPI tiles' own.
 */
export function HeadlineRow({ analytics }: HeadlineRowProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const stats = useStats();
  const kpis = selectKpis(stats);
  const headingId = useId();
  const count = (value: number | null) => (value === null ? NO_VALUE : formatters.count(value));
  return (
    <section className="wall-screen-headline" aria-labelledby={headingId} data-testid="wall-headline">
      <h2 id={headingId} className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <dl className="wall-screen-headline__kpis">
        <KpiTile label={t('kpi.open')} value={count(kpis.open)} testId="kpi-open" />
        <KpiTile
          label={t('kpi.overdue')}
          value={count(kpis.overdue)}
          testId="kpi-overdue"
          tone={kpis.overdue !== null && kpis.overdue > 0 ? 'alert' : 'normal'}
        />
        <KpiTile label={t('kpi.registeredToday')} value={count(kpis.registeredToday)} testId="kpi-registered-today" />
        <KpiTile
          label={t('wallScreen.medianResponse')}
          value={formatters.duration(kpis.medianResponseMs)}
          testId="kpi-median-response"
        />
      </dl>
      <div className="wall-screen-headline__trends">
        {analytics ? (
          <HeadlineNumbers headline={analytics.headline} theme="wall" />
        ) : (
          <p className="wall-screen-panel__empty">{t('wallScreen.waiting')}</p>
        )}
      </div>
      <div className="wall-screen-headline__as-of">
        <PanelAsOf at={stats?.asOf ?? null} />
      </div>
    </section>
  );
}
