import { DEFAULT_ALERT_RULES, type LiveAlert } from '@shared';
import type { TFunction } from 'i18next';
import { getFormatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { regionPath } from '../../routes';
import { hourMinute } from '../analytics/charts/chartText';
import { kzInstant, OPEN_STATUSES } from '../region/regionFilters';

/** An alert in words: what and where (the title), then the figure, the limit and since when. */
export interface AlertText {
  title: string;
  detail: string;
}

/**
 * One alert as two short lines in the UI language, e.g. "Возможный массовый инцидент:
 * теплоснабжение и горячая вода, Алматы" / "обращений: 32 (порог 25) · с 14:05". Names
 * and numbers come from our own tables and formatters, never from the browser's ICU data
 * (which has no Kazakh words on Debian's Chromium).
 */
export function describeAlert(alert: LiveAlert, t: TFunction, language: Language): AlertText {
  const formatters = getFormatters(language);
  const region = regionName(alert.region, language);
  const since = t('alerts.since', { time: hourMinute(alert.since, formatters) });
  let title: string;
  let detail: string;
  switch (alert.kind) {
    case 'burst':
      title = t('alerts.burst', {
        category: alert.category ? categoryName(alert.category, language) : '—',
        region,
      });
      detail = t('alerts.burstDetail', {
        n: formatters.count(alert.value),
        limit: formatters.count(alert.limit),
        minutes: formatters.count(Math.round((alert.windowMs ?? DEFAULT_ALERT_RULES.burstWindowMs) / 60_000)),
      });
      break;
    case 'backlog':
      title = t('alerts.backlog', { region });
      detail = t('alerts.backlogDetail', {
        value: formatters.count(Math.round(alert.value)),
        limit: formatters.count(alert.limit),
      });
      break;
    case 'overdue':
      title = t('alerts.overdue', { region });
      detail = t('alerts.overdueDetail', {
        value: formatters.percent(alert.value),
        limit: formatters.percent(alert.limit),
      });
      break;
  }
  return { title, detail: `${detail} · ${since}` };
}

/** The burst alert id of a region view's `?incident=` (null when there is none). */
export function incidentParam(search: string): string | null {
  const id = new URLSearchParams(search).get('incident');
  return id === null || id === '' ? null : id;
}

/**
 * Where an alert leads (issue 18): its region's view filtered to what the alert counts — a
 * burst to its category since its first appeal (and, for those who may group appeals, with
 * "group into an incident" ready: `?incident=`, see BurstPreselect), an overdue alert to the
 * overdue appeals, a backlog alert to the open ones.
 */
export function alertLink(alert: LiveAlert, canGroup: boolean): string {
  const params: string[] = [];
  if (alert.kind === 'burst') {
    if (alert.category !== undefined) params.push(`category=${alert.category}`);
    // Whole minutes: the view's period is to the minute, and the first appeal must be in it.
    params.push(`from=${encodeURIComponent(kzInstant(Math.floor(alert.since / 60_000) * 60_000))}`);
    if (canGroup) params.push(`incident=${encodeURIComponent(alert.id)}`);
  } else if (alert.kind === 'overdue') {
    params.push('overdue=true');
  } else {
    params.push(`status=${OPEN_STATUSES.join(',')}`);
  }
  return `${regionPath(alert.region)}?${params.join('&')}`;
}
