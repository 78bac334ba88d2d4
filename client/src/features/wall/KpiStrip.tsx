import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { selectKpis } from '../../state/kpis';
import { LawKpiTiles } from './LawKpiTiles';

export interface KpiTilesProps {
  /** Class of the `<dl>`: each screen lays the tiles out its own way. */
  className: string;
  /** Label of the median tile (the wall screen says which window in fewer words). */
  medianLabel?: string;
}

/**
 * The national KPI tiles from the live stats: backlog, overdue (operational target),
 * registered today, median response in 1 h, then the law's clock (issue 17).
 */
export function KpiTiles({ className, medianLabel }: KpiTilesProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const kpis = selectKpis(useStats());
  const count = (value: number | null) => (value === null ? NO_VALUE : formatters.count(value));
  return (
    <dl className={className}>
      <KpiTile label={t('kpi.open')} value={count(kpis.open)} testId="kpi-open" />
      <KpiTile
        // Beside the law's tiles it names its clock (the wall screen's own tiles: WallKpiTiles).
        label={t('lawKpi.overdueTarget')}
        value={count(kpis.overdue)}
        testId="kpi-overdue"
        tone={kpis.overdue !== null && kpis.overdue > 0 ? 'alert' : 'normal'}
      />
      <KpiTile label={t('kpi.registeredToday')} value={count(kpis.registeredToday)} testId="kpi-registered-today" />
      <KpiTile
        label={medianLabel ?? t('kpi.medianResponse')}
        value={formatters.duration(kpis.medianResponseMs)}
        testId="kpi-median-response"
      />
      <LawKpiTiles />
    </dl>
  );
}

/** The dashboard's strip of national KPI tiles. */
export function KpiStrip() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="kpis" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <KpiTiles className="kpis__list" />
    </section>
  );
}
