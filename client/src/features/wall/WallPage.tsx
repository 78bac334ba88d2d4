import { useMemo } from 'react';
import { navigate } from '../../navigation';
import { AlertStrip } from '../alerts/AlertStrip';
import { regionPath } from '../../routes';
import { LiveFeed } from '../feed/LiveFeed';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { MapPanel } from '../map/MapPanel';
import { useRegionLayer } from '../map/regionLayerState';
import { RegionPanel } from '../region/RegionPanel';
import { resolveRegion } from '../region/resolveRegion';
import { KpiStrip } from './KpiStrip';
import { WallHeader } from './WallHeader';
import './wall.css';

export interface WallPageProps {
  /** The code of `/region/:code`: that region's panel replaces the feed. Null on the plain wall. */
  regionCode?: string | null;
}

function openRegion(code: string): void {
  navigate(regionPath(code));
}

/**
 * The situation-room wall: KPI tiles across the top, the region map large on the left,
 * the live feed in a column on the right (or the drill-down of the region opened on the
 * map). One component for `/wall` and `/region/:code`, so opening and closing a region
 * never remounts the map.
 */
export function WallPage({ regionCode = null }: WallPageProps) {
  const { status, layer } = useRegionLayer();
  const selection = useMemo(() => (regionCode === null ? null : resolveRegion(layer, regionCode)), [layer, regionCode]);
  return (
    <div className="wall">
      <WallHeader />
      <main className="wall__body">
        <KpiStrip />
        {/* Always at this place among the children (it renders nothing when quiet), so the map never remounts. */}
        <AlertStrip isCollapsible />
        <MapPanel selectedCode={selection?.mapCode ?? null} onSelect={openRegion} />
        {regionCode === null ? (
          <LiveFeed />
        ) : (
          <RegionPanel code={regionCode} selection={selection} isLayerLoading={status === 'loading'} />
        )}
      </main>
      <IncompatibleNotice />
    </div>
  );
}
