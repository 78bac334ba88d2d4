import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useStats } from '../../realtime/hooks';
import { DEFAULT_SCALE_MODE, scaleFor, type ScaleMode } from './colorScale';
import { MapKpiSelect } from './MapKpiSelect';
import { MapLegend } from './MapLegend';
import { mapLabels } from './mapLabels';
import { computeShapeKpis, DEFAULT_MAP_KPI, kpiValue, type MapKpi } from './mapKpis';
import { useRegionLayer, type RegionLayerStatus } from './regionLayerState';
import { shapeLooks } from './shapeStyle';
import { tooltipElement } from './tooltipElement';
import { tooltipModel } from './tooltipModel';
import { useIsClient } from './useIsClient';
import './map.css';

// Leaflet (≈150 kB) loads in its own chunk, and never where there is no DOM.
const loadRegionMap = () => import('./RegionMap');
const RegionMap = lazy(() => loadRegionMap().then((module) => ({ default: module.RegionMap })));

export interface MapPanelProps {
  /** The map shape of the open region panel, outlined; null when none is open. */
  selectedCode: string | null;
  /** A click (or Enter) on a shape; not called on a read-only map. */
  onSelect?: (code: string) => void;
  /**
   * For looking only (the wall screen): no KPI select, and a map that cannot be moved,
   * zoomed or clicked (RegionMap). Default false: the dashboard's interactive map.
   */
  isReadOnly?: boolean;
  /** A narrow column (the region page's side map): the KPI choices by their short names. */
  isNarrow?: boolean;
  /** Shown at the end of the panel's head (the wall screen's "as of"). */
  headEnd?: ReactNode;
  /**
   * Raster tiles under the outlines (see RegionMap). Defaults to what `GET /api/regions`
   * offers (the server's TILE_URL), which is none unless configured.
   */
  tileUrl?: string;
  tileAttribution?: string;
}

function ignoreSelect(): void {}

const STATUS_KEY = {
  loading: 'map.loading',
  ready: 'map.loading',
  unavailable: 'map.unavailable',
  failed: 'map.failed',
} as const satisfies Record<RegionLayerStatus, string>;

/**
 * The wall's region map: outlines coloured by the chosen KPI from the live stats, names,
 * tooltips, a legend, and a click to drill into a region. Everything derived from the
 * stats is recomputed here on each update and handed to the map, which only restyles.
 */
export function MapPanel({
  selectedCode,
  onSelect = ignoreSelect,
  isReadOnly = false,
  isNarrow = false,
  headEnd,
  tileUrl,
  tileAttribution,
}: MapPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const headingId = useId();
  const isClient = useIsClient();
  const { status, layer, tiles } = useRegionLayer();
  const stats = useStats();
  // In memory only: browser storage holds nothing but the language (loginMarkup.test.tsx).
  const [kpi, setKpi] = useState<MapKpi>(DEFAULT_MAP_KPI);
  const [mode, setMode] = useState<ScaleMode>(DEFAULT_SCALE_MODE);
  // Fetch the map's chunk as soon as the panel is on screen, beside the layer, not after
  // it: the server answers the socket's snapshot meanwhile, and a chunk asked for behind
  // it waited for it (bench/browser.ts, first render of 10,000 markers).
  useEffect(() => {
    void loadRegionMap();
  }, []);

  const shapes = useMemo(() => layer?.shapes ?? [], [layer]);
  const kpis = useMemo(() => computeShapeKpis(shapes, stats), [shapes, stats]);
  // One scale for the dashboard, the region page and the wall (colorScale.ts): fixed
  // thresholds unless the user asks to rank the regions.
  const scale = useMemo(() => {
    const values: number[] = [];
    for (const k of kpis.values()) {
      const value = k.regions.length > 0 ? kpiValue(k, kpi) : null;
      if (value !== null) values.push(value);
    }
    return scaleFor(kpi, mode, values);
  }, [kpi, mode, kpis]);
  const looks = useMemo(() => shapeLooks(kpis, scale, selectedCode), [kpis, scale, selectedCode]);
  const names = useMemo(() => new Map(shapes.map((s) => [s.code, s.name[language]])), [shapes, language]);
  const labels = useMemo(() => mapLabels(shapes, language), [shapes, language]);
  // The badge of each region at the country view: its open appeals, the same figure as its tooltip.
  const counts = useMemo(() => {
    const texts = new Map<string, string>();
    for (const [code, k] of kpis) if (k.regions.length > 0) texts.set(code, formatters.count(k.open));
    return texts;
  }, [kpis, formatters]);
  const tooltipOf = useCallback(
    (code: string) => {
      const shape = shapes.find((s) => s.code === code);
      const model = shape
        ? tooltipModel(shape, kpis.get(code), language, t, formatters)
        : { title: code, rows: [], notes: [] };
      return tooltipElement(model);
    },
    [shapes, kpis, language, t, formatters],
  );

  const message = <p className="region-map__message">{t(STATUS_KEY[status])}</p>;
  return (
    <section className="panel map-panel" aria-labelledby={headingId}>
      <div className="map-panel__head">
        <h2 id={headingId} className="map-panel__title">
          {t('map.title')}
        </h2>
        {!isReadOnly && (
          <MapKpiSelect value={kpi} onChange={setKpi} mode={mode} onModeChange={setMode} isShort={isNarrow} />
        )}
        {headEnd}
      </div>
      <div className="region-map" data-testid="region-map" data-status={status}>
        {layer && isClient ? (
          <Suspense fallback={message}>
            <RegionMap
              layer={layer}
              looks={looks}
              names={names}
              labels={labels}
              counts={counts}
              tooltipOf={tooltipOf}
              onSelect={onSelect}
              tileUrl={tileUrl ?? tiles?.url}
              tileAttribution={tileAttribution ?? tiles?.attribution ?? undefined}
              isReadOnly={isReadOnly}
            />
          </Suspense>
        ) : (
          message
        )}
      </div>
      <MapLegend scale={scale} />
    </section>
  );
}
