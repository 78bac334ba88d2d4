import type { AnalyticsFilter } from '@shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnalytics } from '../../realtime/hooks';
import { AlertPanel } from './AlertPanel';
import { HeadlineRow } from './HeadlineRow';
import { PanelBoundary } from './PanelBoundary';
import { RegionBoardPanel } from './RegionBoardPanel';
import { ResponseTimePanel } from './ResponseTimePanel';
import { SpotlightPanel } from './SpotlightPanel';
import { StaleBanner } from './StaleBanner';
import { TickerPanel } from './TickerPanel';
import { useRegionRotation } from './useRegionRotation';
import { WallIncompatible } from './WallIncompatible';
import { WallMapPanel } from './WallMapPanel';
import { parseWallScreenConfig, type WallScreenConfig } from './wallScreenConfig';
import { WallScreenConfigContext, useWallScreenConfig } from './wallScreenContext';
import { WallScreenHeader } from './WallScreenHeader';
import { WallScreenLanguage } from './WallScreenLanguage';
import './wallScreen.css';
import './wallDistance.css';

/** The whole country over the last hour: the region board's window; the chart is always 24 h. */
const WALL_ANALYTICS_FILTER: AnalyticsFilter = { window: '1h' };

export interface WallScreenProps {
  /** The query string to configure from; defaults to the page's (markup tests pass their own). */
  search?: string;
}

function WallScreenBody() {
  const { t } = useTranslation();
  const { rotateMs } = useWallScreenConfig();
  const { analytics } = useAnalytics(WALL_ANALYTICS_FILTER);
  const spotlight = useRegionRotation(rotateMs);
  return (
    <div className={`wall-screen${rotateMs === null ? '' : ' wall-screen--rotating'}`} data-testid="wall-screen">
      <WallScreenHeader />
      <StaleBanner />
      <main className="wall-screen__body" aria-label={t('wallScreen.title')}>
        <PanelBoundary className="wall-screen-headline">
          <HeadlineRow />
        </PanelBoundary>
        {rotateMs !== null && (
          <PanelBoundary className="wall-screen-spotlight">
            <SpotlightPanel spotlight={spotlight} />
          </PanelBoundary>
        )}
        <div className="wall-screen__grid">
          <PanelBoundary className="wall-screen-map">
            <WallMapPanel spotlightRegion={spotlight?.standing.region ?? null} />
          </PanelBoundary>
          <PanelBoundary className="wall-screen-chart--response">
            <ResponseTimePanel analytics={analytics} />
          </PanelBoundary>
          <PanelBoundary className="wall-screen-chart--regions">
            <RegionBoardPanel analytics={analytics} />
          </PanelBoundary>
          <PanelBoundary className="wall-screen-alerts">
            <AlertPanel />
          </PanelBoundary>
          <PanelBoundary className="wall-screen-ticker">
            <TickerPanel />
          </PanelBoundary>
        </div>
      </main>
      <WallIncompatible />
    </div>
  );
}

/**
 * Wall mode (`/wall`): the situation room's big screen, full screen and dark, laid out for
 * 1920×1080 and 3840×2160 and read from 5 m. It has nothing to press: a kiosk is configured
 * by its URL (wallScreenConfig.ts) — auto-rotation through the worst regions, the stale
 * threshold, the language.
 */
export function WallScreen({ search }: WallScreenProps) {
  const [config] = useState<WallScreenConfig>(() =>
    parseWallScreenConfig(search ?? (typeof window === 'undefined' ? '' : window.location.search)),
  );
  return (
    <WallScreenLanguage language={config.language}>
      <WallScreenConfigContext value={config}>
        <WallScreenBody />
      </WallScreenConfigContext>
    </WallScreenLanguage>
  );
}
