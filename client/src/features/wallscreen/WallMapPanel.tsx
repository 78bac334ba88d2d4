import { useMemo } from 'react';
import { useStats } from '../../realtime/hooks';
import { MapPanel } from '../map/MapPanel';
import { useRegionLayer } from '../map/regionLayerState';
import { resolveRegion } from '../region/resolveRegion';
import { PanelAsOf } from './PanelAsOf';

export interface WallMapPanelProps {
  /** The region in the spotlight (an ISO code), outlined on the map; null for none. */
  spotlightRegion: string | null;
}

/** The dashboard's region map, read-only: nothing on it can be clicked, dragged or zoomed. */
export function WallMapPanel({ spotlightRegion }: WallMapPanelProps) {
  const { layer } = useRegionLayer();
  const stats = useStats();
  // A 2022 oblast is outlined as the shape the built-in layer draws it in.
  const selectedCode = useMemo(
    () => (spotlightRegion === null ? null : (resolveRegion(layer, spotlightRegion)?.mapCode ?? null)),
    [layer, spotlightRegion],
  );
  return (
    <div className="wall-screen-map" data-testid="wall-map" data-marker-scale="type">
      <MapPanel selectedCode={selectedCode} isReadOnly headEnd={<PanelAsOf at={stats?.asOf ?? null} />} />
    </div>
  );
}
