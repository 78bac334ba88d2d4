import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { selectKpis } from '../../state/kpis';
import { lawKpisOf } from '../../state/lawKpis';

/**
 * The wall's live KPI tiles, both clocks side by side (issues 17, 18): backlog, overdue by
 * the operational target, overdue by law, the share solved positively, registered today;
 * then the median response, which shares the second row with the SLA trends (its label, with
 * its window, needs a wider tile). Each overdue tile names its clock; every label of the
 * first row fits two lines of 36 px in a fifth of the screen. The test ids are the dashboard's.
 */
export function WallKpiTiles() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const stats = useStats();
  const kpis = selectKpis(stats);
  const law = lawKpisOf(stats ? stats.overall : null);
  const count = (value: number | null) => (value === null ? NO_VALUE : formatters.count(value));
  const alert = (value: number | null) => (value !== null && value > 0 ? 'alert' : 'normal');
  return (
    <dl className="wall-screen-headline__kpis">
      <KpiTile label={t('kpi.open')} value={count(kpis.open)} testId="kpi-open" />
      <KpiTile
        label={t('wallLaw.overdueTarget')}
        value={count(kpis.overdue)}
        testId="kpi-overdue"
        tone={alert(kpis.overdue)}
      />
      <KpiTile
        label={t('wallLaw.legalOverdue')}
        value={count(law.legalOverdue)}
        testId="kpi-legal-overdue"
        tone={alert(law.legalOverdue)}
      />
      <KpiTile
        label={t('wallLaw.solvedPositively')}
        value={law.solvedPositivelyShare === null ? NO_VALUE : formatters.percent(law.solvedPositivelyShare)}
        testId="kpi-solved-positively"
      />
      <KpiTile label={t('wallLaw.registeredToday')} value={count(kpis.registeredToday)} testId="kpi-registered-today" />
      <KpiTile
        label={t('wallScreen.medianResponse')}
        value={formatters.duration(kpis.medianResponseMs)}
        testId="kpi-median-response"
      />
    </dl>
  );
}
