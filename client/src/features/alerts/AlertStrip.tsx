import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
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
  /** A button folds the list to one line (the dashboard, where the map needs the height). */
  isCollapsible?: boolean;
}

/** Where the folded state is remembered: a supervisor who folded it on a laptop keeps it folded. */
const COLLAPSED_KEY = 'ortalyq.alertStrip.collapsed';

function readCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function storeCollapsed(isCollapsed: boolean): void {
  try {
    globalThis.localStorage?.setItem(COLLAPSED_KEY, isCollapsed ? '1' : '0');
  } catch {
    // Storage unavailable (kiosk, privacy mode): the choice lasts this page only.
  }
}

/**
 * The alerts in force from the live stats (pushed every second), one item each; nothing
 * at all while there are none, so it takes no room on a quiet day. Folded, it keeps one
 * line with the count, so a new alert is still seen.
 */
export function AlertStrip({ regions, max = 3, testId = 'alert-strip', isCollapsible = false }: AlertStripProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const listId = useId();
  const [isCollapsed, setCollapsed] = useState(() => isCollapsible && readCollapsed());
  const all = useStats()?.alerts;
  const alerts = regions ? alertsOfRegions(all, regions) : (all ?? []);
  if (alerts.length === 0) return null;
  const toggle = () => {
    storeCollapsed(!isCollapsed);
    setCollapsed(!isCollapsed);
  };
  return (
    <section className="alert-strip" aria-label={t('alerts.title')} data-testid={testId} data-collapsed={isCollapsed}>
      {isCollapsible && (
        <button
          type="button"
          className="alert-strip__toggle"
          aria-expanded={!isCollapsed}
          aria-controls={listId}
          onClick={toggle}
          data-testid="alert-strip-toggle"
        >
          {t('alerts.title')}
          <span className="alert-strip__count">{formatters.count(alerts.length)}</span>
          <span className="visually-hidden">{t(isCollapsed ? 'layout.alertsShow' : 'layout.alertsHide')}</span>
        </button>
      )}
      <div id={listId} hidden={isCollapsed}>
        <AlertList alerts={alerts} variant="compact" max={max} />
      </div>
    </section>
  );
}
