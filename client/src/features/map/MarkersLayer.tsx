import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useFormatters } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { appealPath } from '../../routes';
import { createBatcher, type Batcher } from '../../state/batcher';
import { createMarkerIndex, openMarkerItems, type IncidentItem } from './markerIndex';
import { createMarkerView, type MarkerSummary, type MarkerView } from './markerView';
import { tooltipElement } from './tooltipElement';
import { incidentTooltipModel } from './tooltipModel';

/** The marker index is rebuilt from the replica at most this often. */
export const MARKER_REBUILD_MS = 1000;

function writeSummary(output: HTMLOutputElement | null, summary: MarkerSummary): void {
  if (!output) return;
  output.dataset.openAppeals = String(summary.openAppeals);
  output.dataset.openIncidents = String(summary.openIncidents);
  output.dataset.visibleClusters = String(summary.visibleClusters);
  output.dataset.visiblePoints = String(summary.visiblePoints);
  output.dataset.pulsing = String(summary.pulsing);
  output.textContent = `${summary.openAppeals}/${summary.openIncidents}`;
}

/**
 * Open appeals and incidents on the map, clustered, live. The view is built once per map;
 * a replica change only rebuilds the index (throttled) and redraws, so zoom, pan, the
 * region selection and an open incident tooltip stay as they are.
 *
 * The hidden `<output data-testid="map-marker-count">` is a test and diagnostic hook: the
 * canvas has no DOM per marker, so it carries what the last redraw showed.
 */
export function MarkersLayer() {
  const map = useMap();
  const store = useWallStore();
  const version = useReplicaVersion();
  const { t } = useTranslation();
  const formatters = useFormatters();
  const outputRef = useRef<HTMLOutputElement>(null);
  const viewRef = useRef<MarkerView | null>(null);

  const clusterTitle = useEffectEvent((count: number) => t('map.markers.cluster', { count: formatters.count(count) }));
  const incidentTooltip = useEffectEvent((item: IncidentItem) =>
    tooltipElement(incidentTooltipModel(item, t, formatters)),
  );

  const rebuildRef = useRef<Batcher | null>(null);

  useEffect(() => {
    const view = createMarkerView(map, {
      now: Date.now,
      clusterTitle: (count) => clusterTitle(count),
      incidentTooltip: (item) => incidentTooltip(item),
      onAppeal: (id) => navigate(appealPath(id)),
      onDrawn: (summary) => writeSummary(outputRef.current, summary),
    });
    // The replica is mutated in place: `version` says that it changed, the batcher spaces rebuilds.
    const rebuild = createBatcher(() => {
      const { appeals, incidents } = store.getReplica().state;
      view.setIndex(createMarkerIndex(openMarkerItems(appeals.values(), incidents.values())));
    }, MARKER_REBUILD_MS);
    rebuild.flushNow();
    viewRef.current = view;
    rebuildRef.current = rebuild;
    return () => {
      rebuild.cancel();
      view.dispose();
      viewRef.current = null;
      rebuildRef.current = null;
    };
  }, [map, store]);

  useEffect(() => rebuildRef.current?.request(), [version]);

  // Cluster names and tooltips follow the language.
  useEffect(() => viewRef.current?.redraw(), [t, formatters]);

  return <output ref={outputRef} hidden data-testid="map-marker-count" />;
}
