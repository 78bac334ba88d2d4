import type { Analytics, RegionCode, RegionScope } from '@shared';
import { useTranslation } from 'react-i18next';
import { AlertList } from '../alerts/AlertList';
import { AnalyticsPanel } from './AnalyticsPanel';
import { DistributionChart } from './charts/DistributionChart';
import { HeadlineNumbers } from './charts/HeadlineNumbers';
import { IntakeChart } from './charts/IntakeChart';
import { RegionBoardChart } from './charts/RegionBoardChart';
import { ResponseTimeChart } from './charts/ResponseTimeChart';

export interface AnalyticsBoardProps {
  analytics: Analytics;
  scope: RegionScope;
  onSelectRegion(code: RegionCode): void;
}

/** Height of one region's bar row (px): 20 regions make a 640 px chart. */
const REGION_ROW_PX = 30;

/**
 * Every panel of the analytics page for one answer of the server. Each chart gets its own
 * part of `analytics`, and those parts are new objects only when a new answer came (at
 * most every ANALYTICS_INTERVAL_MS), so the charts redraw at that pace and no faster.
 */
export function AnalyticsBoard({ analytics, scope, onSelectRegion }: AnalyticsBoardProps) {
  const { t } = useTranslation();
  const { filter, asOf } = analytics;
  const panel = { asOf, filter, scope };
  return (
    <div className="analytics__grid" data-testid="analytics-board" data-as-of={asOf}>
      <AnalyticsPanel {...panel} title={t('analytics.headline.title')} testId="panel-headline" window="1h">
        <HeadlineNumbers headline={analytics.headline} />
      </AnalyticsPanel>
      <AnalyticsPanel {...panel} title={t('alerts.title')} testId="panel-alerts" window={null}>
        <AlertList alerts={analytics.alerts} />
      </AnalyticsPanel>
      <AnalyticsPanel
        {...panel}
        title={t('analytics.responseTimes.title')}
        testId="panel-response-times"
        window="24h"
        isWide
      >
        <ResponseTimeChart series={analytics.responseTimes} height={300} />
      </AnalyticsPanel>
      <AnalyticsPanel {...panel} title={t('analytics.regions.title')} testId="panel-regions" window={filter.window}>
        <RegionBoardChart
          rows={analytics.regions}
          height={Math.max(120, analytics.regions.length * REGION_ROW_PX + 40)}
          onSelect={onSelectRegion}
        />
      </AnalyticsPanel>
      <AnalyticsPanel
        {...panel}
        title={t('analytics.distribution.title')}
        testId="panel-distribution"
        window={filter.window}
      >
        <DistributionChart buckets={analytics.distribution} height={360} />
      </AnalyticsPanel>
      <AnalyticsPanel {...panel} title={t('analytics.intake.titleChannel')} testId="panel-intake-channel" window="24h">
        <IntakeChart intake={analytics.intake} split="channel" height={280} />
      </AnalyticsPanel>
      <AnalyticsPanel
        {...panel}
        title={t('analytics.intake.titleCategory')}
        testId="panel-intake-category"
        window="24h"
      >
        <IntakeChart intake={analytics.intake} split="category" height={280} />
      </AnalyticsPanel>
    </div>
  );
}
