import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStats } from '../../realtime/hooks';
import { PanelAsOf } from './PanelAsOf';
import { WallKpiTiles } from './WallKpiTiles';

/**
 * The national figures across the screen in one row (WallKpiTiles): the live KPIs with both
 * clocks and the median response. The test ids are the dashboard's KPI tiles' own.
 */
export function HeadlineRow() {
  const { t } = useTranslation();
  const stats = useStats();
  const headingId = useId();
  return (
    <section className="wall-screen-headline" aria-labelledby={headingId} data-testid="wall-headline">
      <h2 id={headingId} className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <WallKpiTiles />
      <div className="wall-screen-headline__as-of">
        <PanelAsOf at={stats?.asOf ?? null} />
      </div>
    </section>
  );
}
