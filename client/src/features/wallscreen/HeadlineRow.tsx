import type { Analytics } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStats } from '../../realtime/hooks';
import { HeadlineNumbers } from '../analytics/charts/HeadlineNumbers';
import { PanelAsOf } from './PanelAsOf';
import { WallKpiTiles } from './WallKpiTiles';

export interface HeadlineRowProps {
  analytics: Analytics | null;
}

/**
 * The national figures across the screen: the live KPIs with both clocks (WallKpiTiles:
 * overdue by the operational target and by law, solved positively), then SLA compliance and
 * first-call resolution with their trend arrows (the analytics series). The test ids are
 * the dashboard's KPI tiles' own.
 */
export function HeadlineRow({ analytics }: HeadlineRowProps) {
  const { t } = useTranslation();
  const stats = useStats();
  const headingId = useId();
  return (
    <section className="wall-screen-headline" aria-labelledby={headingId} data-testid="wall-headline">
      <h2 id={headingId} className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <WallKpiTiles />
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
