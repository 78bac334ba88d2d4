import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { burstAppealIds, type Appeal } from '@shared';
import { useStats } from '../../realtime/hooks';
import { burstById } from './regionAlerts';

export interface BurstPreselectProps {
  /** The burst alert id of the view's `?incident=`, or null. */
  alertId: string | null;
  /** The appeals the view lists, once the list is complete; null while it loads. */
  listed: readonly Appeal[] | null;
  /**
   * The burst's appeals that the list holds (newest first): the view selects them and opens
   * the incident form. Expected to drop `?incident=` from the address, so it fires once.
   */
  onPreselect(ids: string[]): void;
}

/**
 * Turns "open incident" on a burst alert into a preselected grouping form: once the live
 * stats carry the alert and the region's list is loaded, hands over the burst's appeals
 * present in the list (the live stats leave their ids out: they are found in the list, as the
 * server picks them). Its own component, so the stats pushed every second re-render
 * only this and not the whole table. Says so when the alert has ended or none of its
 * appeals is listed.
 */
export function BurstPreselect({ alertId, listed, onPreselect }: BurstPreselectProps) {
  const { t } = useTranslation();
  const stats = useStats();
  const alert = burstById(stats?.alerts, alertId);
  const asOf = stats?.asOf ?? 0;
  const present = useMemo(() => (alert && listed ? burstAppealIds(alert, asOf, listed) : null), [alert, asOf, listed]);
  const presentKey = present?.join(',') ?? '';

  useEffect(() => {
    if (presentKey !== '') onPreselect(presentKey.split(','));
  }, [presentKey, onPreselect]);

  if (alertId === null || stats === null || listed === null) return null;
  if (alert === null || present?.length === 0) {
    return (
      <p className="region-view__warning" role="status" data-testid="incident-alert-note">
        {alert === null ? t('alerts.incidentGone') : t('alerts.incidentEmpty')}
      </p>
    );
  }
  return null;
}
