import { isNationalEvent } from '@shared';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useFormatters } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useWallStore } from '../../realtime/hooks';
import { appealPath } from '../../routes';
import { createBatcher } from '../../state/batcher';
import { isCountryView } from './countryView';
import type { Bounds } from './layerBounds';
import { createMarkerIndex, syncMarkerIndex, updateMarkers, type ClusterMarker } from './markerIndex';
import { markerTouchedBy, type IncidentItem } from './markerItems';
import { createMarkerView, markerScaleOf, type MarkerSummary, type MarkerView } from './markerView';
import { tooltipElement } from './tooltipElement';
import { incidentTooltipModel } from './tooltipModel';

/** The markers follow the replica at most this often. */
export const MARKER_UPDATE_MS = 1000;
/**
 * Every so often all markers are compared with the replica, whatever arrived: an appeal
 * turns overdue by the clock alone, with no event to say so.
 */
export const MARKER_RECHECK_MS = 30_000;

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
 * Open appeals and incidents on the map, clustered, live. The view and the marker index
 * are built once per map. The store tells which appeals and incidents each frame touched;
 * at most once per MARKER_UPDATE_MS only those are looked up again and the view redraws
 * what changed (a snapshot, drawn at once, and the periodic recheck compare every
 * marker). Zoom, pan, the region selection and an open incident tooltip stay as they are,
 * and 100 events/s over 20,000 markers cost a few milliseconds a second.
 *
 * The hidden `<output data-testid="map-marker-count">` is a test and diagnostic hook: the
 * canvas has no DOM per marker, so it carries what the last redraw showed.
 */
export interface MarkersLayerProps {
  /** False on a read-only map: no zoom into a cluster, no appeal to open, no tooltips. Default true. */
  isInteractive?: boolean;
  /**
   * The layer's bounds: while the map shows the whole of them (countryView.ts) no marker is
   * drawn, the regions' count badges stand for them (RegionLabels). None: always drawn.
   */
  countryBounds?: Bounds;
}

export function MarkersLayer({ isInteractive = true, countryBounds }: MarkersLayerProps) {
  const map = useMap();
  const store = useWallStore();
  const { t } = useTranslation();
  const formatters = useFormatters();
  const outputRef = useRef<HTMLOutputElement>(null);
  const viewRef = useRef<MarkerView | null>(null);

  const clusterTitle = useEffectEvent((cluster: ClusterMarker) =>
    cluster.urgent > 0
      ? t('map.markers.clusterAttention', {
          count: formatters.count(cluster.count),
          urgent: formatters.count(cluster.urgent),
        })
      : t('map.markers.cluster', { count: formatters.count(cluster.count) }),
  );
  const incidentTooltip = useEffectEvent((item: IncidentItem) =>
    tooltipElement(incidentTooltipModel(item, t, formatters)),
  );

  useEffect(() => {
    const index = createMarkerIndex();
    const view = createMarkerView(map, {
      now: Date.now,
      clusterTitle: (cluster) => clusterTitle(cluster),
      incidentTooltip: (item) => incidentTooltip(item),
      onAppeal: (id) => navigate(appealPath(id)),
      // The open counts are the index's, also while the country view draws none of them.
      onDrawn: (summary) =>
        writeSummary(outputRef.current, {
          ...summary,
          openAppeals: index.openAppeals,
          openIncidents: index.openIncidents,
        }),
      isInteractive,
      markerScale: () => markerScaleOf(map.getContainer()),
    });
    // What the view draws: nothing at the country view (an empty index), else the index.
    const empty = createMarkerIndex();
    const drawnIndex = () => (countryBounds && isCountryView(map, countryBounds, !isInteractive) ? empty : index);
    let shown = drawnIndex();
    // What to look at on the next update; everything until the first one has run.
    let isFull = true;
    let isFirst = true;
    const appeals = new Set<string>();
    const incidents = new Set<string>();
    const update = createBatcher(() => {
      const { state } = store.getReplica();
      const now = Date.now();
      const changes = isFull
        ? syncMarkerIndex(index, state.appeals.values(), state.incidents.values(), now)
        : updateMarkers(index, state, { appeals, incidents }, now);
      isFull = false;
      appeals.clear();
      incidents.clear();
      shown = drawnIndex();
      // At the country view this redraws nothing, but reports the new open counts.
      if (changes > 0 || isFirst) view.setIndex(shown);
      isFirst = false;
    }, MARKER_UPDATE_MS);
    const unsubscribe = store.subscribeChanges((change) => {
      if (change.kind === 'reset') {
        // A snapshot (first load, reconnect, resync) shows at once, as the store shows it,
        // not up to MARKER_UPDATE_MS after the map's first, empty draw (bench/browser.ts:
        // that wait was most of the 10,000-marker first render).
        isFull = true;
        update.flushNow();
        return;
      }
      for (const event of change.events) {
        // A calendar year may move every open appeal's legal deadline: redraw them all.
        if (isNationalEvent(event)) {
          isFull = true;
          continue;
        }
        const touched = markerTouchedBy(event);
        (touched.kind === 'appeal' ? appeals : incidents).add(touched.id);
      }
      update.request();
    });
    const recheck = setInterval(() => {
      isFull = true;
      update.request();
    }, MARKER_RECHECK_MS);
    // Crossing into or out of the country view swaps what the view draws (before its own moveend redraw).
    const onZoom = () => {
      const next = drawnIndex();
      if (next === shown) return;
      shown = next;
      view.setIndex(next);
    };
    map.on('zoomend resize', onZoom);
    update.flushNow();
    viewRef.current = view;
    return () => {
      map.off('zoomend resize', onZoom);
      clearInterval(recheck);
      unsubscribe();
      update.cancel();
      view.dispose();
      viewRef.current = null;
    };
  }, [map, store, isInteractive, countryBounds]);

  // Cluster names and tooltips follow the language.
  useEffect(() => viewRef.current?.retitle(), [t, formatters]);

  return <output ref={outputRef} hidden data-testid="map-marker-count" />;
}
