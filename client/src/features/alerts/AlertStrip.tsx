import { useTranslation } from 'react-i18next';
import { useStats } from '../../realtime/hooks';
import { AlertList } from './AlertList';
import { alertsOfRegions } from './regionAlerts';

export interface AlertStripProps {
  /** Only the alerts of these region codes; all of the user's when omitted. */
  regions?: readonly string[];
  /** Alerts shown before "N more". */
  max?: number;
  /** Test id of the strip (one page may hold several). */
  testId?: string;
}

/**
 * The alerts in force from the live stats (pushed every second), one line each; nothing
 * at all while there are none, so it takes no room on a quiet day.
 */
export function AlertStrip({ regions, max = 3, testId = 'alert-strip' }: AlertStripProps) {
  const { t } = useTranslation();
  const all = useStats()?.alerts;
  const alerts = regions ? alertsOfRegions(all, regions) : (all ?? []);
  if (alerts.length === 0) return null;
  return (
    <section className="alert-strip" aria-label={t('alerts.title')} data-testid={testId}>
      <AlertList alerts={alerts} variant="compact" max={max} />
    </section>
  );
}
