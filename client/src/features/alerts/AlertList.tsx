import type { LiveAlert } from '@shared';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useSession } from '../../session/sessionContext';
import { canGroupIncidents } from '../region/regionDesk';
import { alertLink, describeAlert } from './alertText';
import './alerts.css';

export interface AlertListProps {
  /** Most urgent first (as the server sends them). */
  alerts: readonly LiveAlert[];
  /**
   * `page`: every alert on two lines, "no alerts" when there are none. `compact`: one line
   * each, at most `max`, nothing at all when there are none (a strip on a busy screen).
   */
  variant?: 'page' | 'compact';
  /** Compact only: alerts shown before "N more". Default 3. */
  max?: number;
}

/** A plain left click opens the link in place (with its query); modified clicks are the browser's. */
function openInPlace(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(event.currentTarget.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(`${url.pathname}${url.search}`);
}

/**
 * The alerts in force (backlog, overdue share, bursts). Each title opens the region's list
 * filtered to what the alert counts; for those who may group appeals (supervisors) a
 * burst's title, like its "open incident" button, also preselects the burst's appeals in
 * the "group into an incident" form, so a click on the alert leaves the grouping one step
 * away (issue 18). Others get the filtered list alone.
 */
export function AlertList({ alerts, variant = 'page', max = 3 }: AlertListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const session = useSession();
  const canOpen = session !== null && canGroupIncidents(session.user);
  // Every alert leads to what it counts (issue 18); a kiosk opens no pages.
  const isLinked = session?.user.isKiosk !== true;
  if (alerts.length === 0) {
    if (variant === 'compact') return null;
    return (
      <div className="alert-list alert-list--page" data-testid="alert-list" data-count={0}>
        <p className="alert-list__none">{t('alerts.none')}</p>
      </div>
    );
  }
  const shown = variant === 'compact' ? alerts.slice(0, max) : alerts;
  const hidden = alerts.length - shown.length;
  return (
    <div className={`alert-list alert-list--${variant}`} data-testid="alert-list" data-count={alerts.length}>
      <ul className="alert-list__items">
        {shown.map((alert) => {
          const { title, detail } = describeAlert(alert, t, language);
          return (
            <li
              key={alert.id}
              className={`alert alert--${alert.kind}`}
              data-testid="alert"
              data-kind={alert.kind}
              data-region={alert.region}
              data-alert-id={alert.id}
            >
              <span className="alert__mark" aria-hidden="true">
                {alert.kind === 'burst' ? '!' : '▲'}
              </span>
              <span className="alert__text">
                {isLinked ? (
                  <a
                    className="alert__title alert__link"
                    href={alertLink(alert, canOpen)}
                    onClick={openInPlace}
                    title={t('alertOpen')}
                    data-testid="alert-link"
                  >
                    {title}
                  </a>
                ) : (
                  <strong className="alert__title">{title}</strong>
                )}
                <span className="alert__detail">{detail}</span>
              </span>
              {canOpen && alert.kind === 'burst' && (
                <a
                  className="button button--small alert__action"
                  href={alertLink(alert, true)}
                  onClick={openInPlace}
                  data-testid="alert-open-incident"
                >
                  {t('alerts.openIncident')}
                </a>
              )}
            </li>
          );
        })}
      </ul>
      {hidden > 0 && <p className="alert-list__more">{t('alerts.more', { n: formatters.count(hidden) })}</p>}
    </div>
  );
}
