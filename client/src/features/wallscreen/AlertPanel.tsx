import type { LiveAlert } from '@shared';
import { useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { describeAlert } from '../alerts/alertText';
import { alertsThatFit } from './alertFit';
import { rootFontPx, useElementSize } from './useElementSize';
import { WallPanel } from './WallPanel';

const NO_ALERTS: readonly LiveAlert[] = [];
/** The list's padding, top and bottom (wallScreen.css `.wall-screen-alerts__list`). */
const LIST_PADDING_REM = 0.6;

interface WallAlertProps {
  alert: LiveAlert;
  language: Language;
  t: TFunction;
}

/**
 * One alert: what and where, then the figure against its limit and since when
 * (describeAlert). A burst is tagged "possible mass incident" on a line of its own, with
 * the region before the category, so a long category name never hides where it is.
 */
function WallAlert({ alert, language, t }: WallAlertProps) {
  const { title, detail } = describeAlert(alert, t, language);
  const isBurst = alert.kind === 'burst';
  // Region and category on a line each: "Костанайская область · газоснабжение" is wider than the column.
  const burstTitle = (
    <>
      <span className="wall-screen-alert__region">{regionName(alert.region, language)}</span>
      <span className="wall-screen-alert__category">
        {alert.category ? categoryName(alert.category, language) : NO_VALUE}
      </span>
    </>
  );
  return (
    <li
      className={`wall-screen-alert wall-screen-alert--${alert.kind}`}
      data-testid="wall-alert"
      data-kind={alert.kind}
      data-region={alert.region}
    >
      {isBurst && <p className="wall-screen-alert__tag">{t('wallScreen.massIncident')}</p>}
      <p className="wall-screen-alert__title">{isBurst ? burstTitle : title}</p>
      <p className="wall-screen-alert__detail">{detail}</p>
    </li>
  );
}

/**
 * The alerts of the live stats, most urgent first (bursts, then overdue share, then
 * backlog), each gone by itself once its condition ends. A burst, a possible mass
 * incident, is drawn in the alarm colour. Read-only: opening an incident from a burst is
 * a supervisor's desk action, not the wall's.
 */
export function AlertPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const stats = useStats();
  const bodyRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(bodyRef);
  const alerts = stats?.alerts ?? NO_ALERTS;
  const { shown, more } = alertsThatFit(
    alerts.map((a) => a.kind),
    height / rootFontPx() - LIST_PADDING_REM,
  );
  return (
    <WallPanel
      title={t('alerts.title')}
      asOf={stats?.asOf ?? null}
      testId="wall-alerts"
      className="wall-screen-alerts"
      bodyRef={bodyRef}
      data={{ 'data-count': String(alerts.length) }}
      headExtra={
        alerts.length > 0 && <span className="wall-screen-alerts__count">{formatters.count(alerts.length)}</span>
      }
    >
      {alerts.length === 0 ? (
        <p className="wall-screen-panel__empty wall-screen-alerts__none">{t('alerts.none')}</p>
      ) : (
        <ul className="wall-screen-alerts__list">
          {alerts.slice(0, shown).map((alert) => (
            <WallAlert key={alert.id} alert={alert} language={language} t={t} />
          ))}
          {more > 0 && <li className="wall-screen-alerts__more">{t('alerts.more', { n: formatters.count(more) })}</li>}
        </ul>
      )}
    </WallPanel>
  );
}
