/**
 * The default layer, shared/data/kz-regions-20.geo.json (design.md "Regions"): today's 17
 * oblasts and 3 cities of republican significance, derived offline from the design folder's
 * OpenStreetMap extract `../shared/geo/kz-regions-20.topo.json` (ODbL 1.0) and its
 * `kz-regions-meta.json`. Both files are checked against the sha256 pinned below, so a
 * changed source stops the build instead of silently shipping other borders.
 *
 * Derivation: each TopoJSON geometry becomes one shape, coordinates rounded to 5 decimals
 * (≈1 m; the source is quantized to ≈15–30 m, so no two vertices merge and shared borders,
 * decoded from the same arcs, stay identical on both sides). No further simplification,
 * for the same reason as the 2018 layer: shapes simplified one by one would open gaps along
 * shared borders. Names and populations come from `shared/src/domain/regions.ts` (the
 * official names; the meta file writes the three 2022 oblasts adjectivally), label points
 * from the meta file (area centroids inside each shape).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { getRegion, isRegionCode, REGION_CODES, type RegionCode } from '../../shared/src/domain/regions';
import type { RegionLayer, RegionShapeMeta } from '../../shared/src/geo/regionLayer';
import { regionLayerSchema } from '../../shared/src/geo/regionLayerSchema';

type Area = Feature<Polygon | MultiPolygon, { code: string }>;

/** The source files and their sha256 (see ../shared/geo/NOTICE.md for where they come from). */
export const CURRENT_SOURCE = {
  topology: {
    file: 'kz-regions-20.topo.json',
    sha256: '7152b97f1311dd4856e4605522e154aed90f9840aa245869256a709b309a6423',
  },
  meta: { file: 'kz-regions-meta.json', sha256: '69e56478c011762bf23d15b8591aef70bdf6f7cd588484811365d1a20c6d04de' },
} as const;

/** The licence line the map must show (../shared/geo/NOTICE.md). */
export const OSM_ATTRIBUTION = 'Boundaries © OpenStreetMap contributors (ODbL)';

const PRECISION = 5;

interface MetaRow {
  iso: string;
  lat: number;
  lng: number;
}

/** Reads and checks the source in `sourceDir` (normally ../shared/geo) and derives the 20-shape layer. */
export function buildLayerCurrent(sourceDir: string): RegionLayer {
  const topology = JSON.parse(checkedSource(sourceDir, CURRENT_SOURCE.topology)) as Topology<{
    regions: GeometryCollection;
  }>;
  const meta = JSON.parse(checkedSource(sourceDir, CURRENT_SOURCE.meta)) as { regions: MetaRow[] };
  const decoded = topoFeature(topology, topology.objects.regions);

  const features: Area[] = decoded.features.map((f) => {
    const code = String(f.id ?? '');
    if (!isRegionCode(code)) fail(`geometry with code ${code || '(none)'} is not a current ISO region code`);
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') fail(`${code} is not an area`);
    return turf.feature(rounded(f.geometry), { code });
  });
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));

  const shapes = features.map((f): RegionShapeMeta => {
    const code = f.properties.code as RegionCode;
    const row = meta.regions.find((r) => r.iso === code) ?? fail(`no meta row for ${code}`);
    const region = getRegion(code);
    return {
      code,
      name: region.name,
      lat: row.lat,
      lng: row.lng,
      population: region.population,
      includes: [code],
      isApproximate: false,
    };
  });
  const layer = regionLayerSchema.parse({
    id: 'builtin-20',
    attribution: OSM_ATTRIBUTION,
    shapes,
    geojson: turf.featureCollection(features),
  });
  checkLayer(layer);
  return layer;
}

function checkedSource(dir: string, source: { file: string; sha256: string }): string {
  const file = path.join(dir, source.file);
  const bytes = readFileSync(file);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== source.sha256) fail(`${file}: sha256 ${actual}, expected ${source.sha256} (the source changed)`);
  console.log(`${source.file}: sha256 ok`);
  return bytes.toString('utf8');
}

/** Coordinates rounded to PRECISION decimals, with repeated positions dropped (none expected). */
function rounded(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const round = (value: number) => Number(value.toFixed(PRECISION));
  const ring = (positions: Position[]) =>
    positions
      .map(([lng = NaN, lat = NaN]): Position => [round(lng), round(lat)])
      .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]?.[0] || p[1] !== all[i - 1]?.[1]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
}

/** Every code once, valid shapes, labels inside, no overlaps (what a locator relies on). */
function checkLayer(layer: RegionLayer): void {
  const features = layer.geojson.features;
  const codes = features.map((f) => f.properties.code).sort();
  if (codes.join() !== [...REGION_CODES].join()) fail(`expected the 20 codes, got ${codes.join(', ')}`);
  for (const f of features) {
    if (!turf.booleanValid(f) || turf.kinks(f).features.length > 0) fail(`${f.properties.code} is not valid`);
    const label = layer.shapes.find((s) => s.code === f.properties.code) ?? fail('no label');
    if (!turf.booleanPointInPolygon([label.lng, label.lat], f)) fail(`label of ${label.code} is outside its shape`);
  }
  let overlapKm2 = 0;
  features.forEach((a, i) => {
    for (const b of features.slice(i + 1)) {
      const both = turf.intersect(turf.featureCollection([a, b]));
      overlapKm2 += both ? turf.area(both) / 1e6 : 0;
    }
  });
  const totalKm2 = features.reduce((sum, f) => sum + turf.area(f) / 1e6, 0);
  console.log(`${features.length} shapes; area ${Math.round(totalKm2)} km², overlaps ${overlapKm2.toFixed(3)} km²`);
  if (overlapKm2 > 0.01) fail('shapes overlap');
}

function fail(message: string): never {
  throw new Error(`build:regions: ${message}`);
}
