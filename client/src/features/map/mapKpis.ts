import { REGIONS, type RegionCode, type RegionShapeMeta, type Stats } from '@shared';

/**
 * KPIs the map can be coloured by (design.md "Metrics"). Overdue comes on both clocks: the
 * operational target (what the wall watches) and the legal deadline (issue 17).
 */
export const MAP_KPIS = ['load', 'overdueShare', 'overdueShareByLaw', 'medianResponse'] as const;
export type MapKpi = (typeof MAP_KPIS)[number];

export const DEFAULT_MAP_KPI: MapKpi = 'load';

export function isMapKpi(value: unknown): value is MapKpi {
  return typeof value === 'string' && (MAP_KPIS as readonly string[]).includes(value);
}

/** The figures of one map shape, summed over the regions it shows. */
export interface ShapeKpis {
  code: string;
  /**
   * The shape's regions the stats cover. Empty when the shape lies outside the user's
   * scope or no stats have arrived yet: the shape then has no figures at all.
   */
  regions: RegionCode[];
  /** Backlog: open appeals. */
  open: number;
  overdue: number;
  /** Open past the legal deadline. */
  legalOverdue: number;
  /** Backlog per 100,000 residents of the covered regions; null without figures. */
  loadPer100k: number | null;
  /** Overdue ÷ open (0–1); 0 when nothing is open, null without figures. */
  overdueShare: number | null;
  /** Legally overdue ÷ open (0–1); 0 when nothing is open, null without figures. */
  overdueShareByLaw: number | null;
  /** Median response time over the last hour, ms; null when nothing was routed in it. */
  medianResponseMs: number | null;
  /** Responses (first assignments) in the last hour. */
  responses: number;
}

const POPULATION = new Map<string, number>(REGIONS.map((r) => [r.code, r.population]));

/** The shape's regions whose figures the stats carry (the user's scope), in `includes` order. */
function coveredRegions(shape: Pick<RegionShapeMeta, 'includes'>, stats: Stats | null): RegionCode[] {
  if (!stats) return [];
  return shape.includes.filter((code) => stats.regions[code] !== undefined);
}

/**
 * The KPIs of one shape. Regions the shape aggregates (Abai shown in East Kazakhstan on the
 * built-in layer) are summed; population is the shape's own when every included region is
 * covered, else the covered regions' own populations, so a user who sees only Abai gets
 * Abai's load, not Abai's backlog over East Kazakhstan's residents.
 */
export function shapeKpisOf(
  shape: Pick<RegionShapeMeta, 'code' | 'includes' | 'population'>,
  stats: Stats | null,
): ShapeKpis {
  const regions = coveredRegions(shape, stats);
  const kpis: ShapeKpis = {
    code: shape.code,
    regions,
    open: 0,
    overdue: 0,
    legalOverdue: 0,
    loadPer100k: null,
    overdueShare: null,
    overdueShareByLaw: null,
    medianResponseMs: null,
    responses: 0,
  };
  if (!stats || regions.length === 0) return kpis;
  let weightedMedian = 0;
  for (const code of regions) {
    const region = stats.regions[code];
    if (!region) continue;
    kpis.open += region.open;
    kpis.overdue += region.overdue;
    kpis.legalOverdue += region.legalOverdue;
    const response = region.windows['1h'].response;
    if (response.p50 !== null && response.count > 0) {
      kpis.responses += response.count;
      weightedMedian += response.p50 * response.count;
    }
  }
  const population =
    regions.length === shape.includes.length
      ? shape.population
      : regions.reduce((sum, code) => sum + (POPULATION.get(code) ?? 0), 0);
  kpis.loadPer100k = population > 0 ? (kpis.open / population) * 100_000 : null;
  kpis.overdueShare = kpis.open > 0 ? kpis.overdue / kpis.open : 0;
  kpis.overdueShareByLaw = kpis.open > 0 ? kpis.legalOverdue / kpis.open : 0;
  // Several regions: the response-count-weighted mean of their medians. The stats carry
  // percentiles, not the histograms, so the exact median of the union is out of reach;
  // weighting by count keeps a region with two slow responses from colouring the whole
  // shape, as taking the max would. With one region this is its median exactly.
  kpis.medianResponseMs = kpis.responses > 0 ? weightedMedian / kpis.responses : null;
  return kpis;
}

/** The KPIs of every shape of the layer, by shape code. Pure. */
export function computeShapeKpis(
  shapes: readonly Pick<RegionShapeMeta, 'code' | 'includes' | 'population'>[],
  stats: Stats | null,
): Map<string, ShapeKpis> {
  return new Map(shapes.map((shape) => [shape.code, shapeKpisOf(shape, stats)]));
}

/** The value the map colours by; null when the shape has none. */
export function kpiValue(kpis: ShapeKpis | undefined, kpi: MapKpi): number | null {
  if (!kpis) return null;
  switch (kpi) {
    case 'load':
      return kpis.loadPer100k;
    case 'overdueShare':
      return kpis.overdueShare;
    case 'overdueShareByLaw':
      return kpis.overdueShareByLaw;
    case 'medianResponse':
      return kpis.medianResponseMs;
  }
}
