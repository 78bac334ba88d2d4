import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiTile } from '../../components/KpiTile';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { selectKpis } from '../../state/kpis';
import { lawKpisOf } from '../../state/lawKpis';

/**
 * The wall's headline, one row of six tiles (issue 18): backlog, overdue by the operational
 * target and by law side by side (issue 17), the share solved positively, registered today,
 * and the last hour's median response ("2 ч 38 мин", its units at label size). Each label fits two
 * lines of 36 px; the SLA shares and their trends are the analytics page's (at 36 px a
 * seventh tile would cut "положительно" and the median's figure). The test ids are the dashboard's.
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
      <div className="kpi-tile kpi-tile--normal">
        <dt className="kpi-tile__label">{t('wallLaw.medianResponse')}</dt>
        <dd className="kpi-tile__value" data-testid="kpi-median-response">
          {withSmallUnits(formatters.duration(kpis.medianResponseMs))}
        </dd>
      </div>
    </dl>
  );
}

/** "2 ч 38 мин" as figures at the value's size and units at the label's (same text). */
function withSmallUnits(duration: string): ReactNode[] {
  return duration.split(/(\d+(?:[.,]\d+)?)/).map((part, i) =>
    i % 2 === 1 || part.trim() === '' ? (
      part
    ) : (
      <span key={i} className="kpi-tile__unit">
        {part}
      </span>
    ),
  );
}
