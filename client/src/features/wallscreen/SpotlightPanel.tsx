import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { PanelAsOf } from './PanelAsOf';
import type { Spotlight } from './useRegionRotation';

export interface SpotlightPanelProps {
  /** Null while no region has anything open. */
  spotlight: Spotlight | null;
}

/**
 * The region the rotation shows now, across the screen under the headline: its name, large,
 * its place among the worst regions, and its KPIs. The map outlines it at the same time.
 */
export function SpotlightPanel({ spotlight }: SpotlightPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const stats = useStats();
  const headingId = useId();
  const standing = spotlight?.standing ?? null;
  return (
    <section
      className="wall-screen-spotlight"
      aria-labelledby={headingId}
      data-testid="wall-spotlight"
      {...(standing ? { 'data-region': standing.region } : {})}
    >
      <div className="wall-screen-spotlight__tag">
        <h2 id={headingId} className="wall-screen-spotlight__title">
          {t('wallScreen.spotlight')}
          {spotlight !== null && spotlight.rank !== null && (
            <span className="wall-screen-spotlight__rank">
              {' · '}
              {t('wallScreen.spotlightRank', { rank: spotlight.rank, count: spotlight.count })}
            </span>
          )}
        </h2>
        <p className="wall-screen-spotlight__why">{t('wallScreen.spotlightWhy')}</p>
      </div>
      {standing === null ? (
        <p className="wall-screen-spotlight__none">{t('wallScreen.spotlightNone')}</p>
      ) : (
        <>
          <p className="wall-screen-spotlight__name">{regionName(standing.region, language)}</p>
          <dl className="wall-screen-spotlight__kpis">
            <div className="wall-screen-spotlight__kpi">
              <dt>{t('kpi.open')}</dt>
              <dd>{formatters.count(standing.open)}</dd>
            </div>
            <div
              className={`wall-screen-spotlight__kpi${standing.overdue > 0 ? ' wall-screen-spotlight__kpi--alert' : ''}`}
            >
              <dt>{t('kpi.overdue')}</dt>
              <dd>
                {formatters.count(standing.overdue)}
                <span className="wall-screen-spotlight__share"> · {formatters.percent(standing.overdueShare)}</span>
              </dd>
            </div>
            <div className="wall-screen-spotlight__kpi">
              <dt>{t('wallScreen.loadShort')}</dt>
              <dd>{standing.loadPer100k === null ? NO_VALUE : formatters.decimal(standing.loadPer100k)}</dd>
            </div>
            <div className="wall-screen-spotlight__kpi">
              <dt>{t('wallScreen.medianResponse')}</dt>
              <dd>{formatters.duration(standing.medianResponseMs)}</dd>
            </div>
          </dl>
        </>
      )}
      <PanelAsOf at={stats?.asOf ?? null} />
    </section>
  );
}
