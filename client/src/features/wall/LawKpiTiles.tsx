import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { lawKpisOf } from '../../state/lawKpis';

/**
 * The law's clock's national tiles (issue 17), inside the KPI strip's `<dl>`: open past the
 * legal deadline, the share solved positively (confirmed, or not reopened within the
 * confirmation window, of all finished) and the citizens' average rating.
 */
export function LawKpiTiles() {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const stats = useStats();
  const kpis = lawKpisOf(stats ? stats.overall : null);
  return (
    <>
      <KpiTile
        label={t('lawKpi.legalOverdue')}
        value={kpis.legalOverdue === null ? NO_VALUE : formatters.count(kpis.legalOverdue)}
        testId="kpi-legal-overdue"
        tone={kpis.legalOverdue !== null && kpis.legalOverdue > 0 ? 'alert' : 'normal'}
      />
      <KpiTile
        label={t('lawKpi.solvedPositively')}
        value={kpis.solvedPositivelyShare === null ? NO_VALUE : formatters.percent(kpis.solvedPositivelyShare)}
        testId="kpi-solved-positively"
      />
      <KpiTile
        label={t('lawKpi.averageRating')}
        value={kpis.averageRating === null ? NO_VALUE : formatters.decimal(kpis.averageRating)}
        testId="kpi-average-rating"
      />
    </>
  );
}
