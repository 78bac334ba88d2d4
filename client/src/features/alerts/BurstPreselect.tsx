import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStats } from '../../realtime/hooks';
import { burstById } from './regionAlerts';

export interface BurstPreselectProps {
  /** The burst alert id of the view's `?incident=`, or null. */
  alertId: string | null;
  /** Ids of the appeals the view lists, once the list is complete; null while it loads. */
  listedIds: ReadonlySet<string> | null;
  /**
   * The burst's appeals that the list holds (newest first): the view selects them and opens
   * the incident form. Expected to drop `?incident=` from the address, so it fires once.
   */
  onPreselect(ids: string[]): void;
}

/**
 * Turns "open incident" on a burst alert into a preselected grouping form: once the live
 * stats carry the alert and the region's list is loaded, hands over the burst's appeals
 * present in the list. Its own component, so the stats pushed every second re-render
 * only this and not the whole table. Says so when the alert has ended or none of its
 * appeals is listed.
 */
export function BurstPreselect({ alertId, listedIds, onPreselect }: BurstPreselectProps) {
  const { t } = useTranslation();
  const stats = useStats();
  const alert = burstById(stats?.alerts, alertId);
  const present = alert && listedIds ? (alert.appealIds ?? []).filter((id) => listedIds.has(id)) : null;
  const presentKey = present?.join(',') ?? '';

  useEffect(() => {
    if (presentKey !== '') onPreselect(presentKey.split(','));
  }, [presentKey, onPreselect]);

  if (alertId === null || stats === null || listedIds === null) return null;
  if (alert === null || present?.length === 0) {
    return (
      <p className="region-view__warning" role="status" data-testid="incident-alert-note">
        {alert === null ? t('alerts.incidentGone') : t('alerts.incidentEmpty')}
      </p>
    );
  }
  return null;
}
