import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { selectKpis } from '../../state/kpis';

/** The national KPI tiles: backlog, overdue, registered today, median response time (1 h). */
export function KpiStrip() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const kpis = selectKpis(useStats());
  const headingId = useId();
  const count = (value: number | null) => (value === null ? NO_VALUE : formatters.count(value));
  return (
    <section className="kpis" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('kpi.title')}
      </h2>
      <dl className="kpis__list">
        <KpiTile label={t('kpi.open')} value={count(kpis.open)} testId="kpi-open" />
        <KpiTile
          label={t('kpi.overdue')}
          value={count(kpis.overdue)}
          testId="kpi-overdue"
          tone={kpis.overdue !== null && kpis.overdue > 0 ? 'alert' : 'normal'}
        />
        <KpiTile label={t('kpi.registeredToday')} value={count(kpis.registeredToday)} testId="kpi-registered-today" />
        <KpiTile
          label={t('kpi.medianResponse')}
          value={formatters.duration(kpis.medianResponseMs)}
          testId="kpi-median-response"
        />
      </dl>
    </section>
  );
}
