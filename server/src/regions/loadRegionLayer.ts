import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { z } from 'zod';
import { isRegionCode, type RegionLayer, type RegionShapeMeta } from '@shared';
import { regionLayerSchema, regionPackGeoJsonSchema, regionPackMetaSchema, topologySchema } from '@shared';
import { checkRegionShapes } from './checkRegionShapes';

/**
 * Region layers (design.md "Regions"). Two layers are built in, both built by
 * `npm run build:regions` (docs/regions.md): `current`, the default, today's 20 units
 * (shared/data/kz-regions-20.geo.json, OpenStreetMap, ODbL), and `2018`, the 17 shapes of
 * 2018–2022 (shared/data/kz-regions-17.geo.json, Natural Earth), chosen with REGION_LAYER.
 * A region pack replaces either when REGION_PACK is set:
 *
 * - REGION_PACK names the geometry file (`*.topo.json`/`*.topojson`: TopoJSON, object
 *   `regions` or the only object; `*.geo.json`/`*.geojson`: a GeoJSON FeatureCollection),
 *   or a directory holding exactly one such file. A feature's code is its `id`, else
 *   `properties.code`, else `properties.iso`.
 * - The meta file sits beside it: `<name>-meta.json` for `<name>.topo.json`, else the only
 *   `*-meta.json` in the directory. Format: that of ../shared/geo/kz-regions-meta.json,
 *   `{ id?, attribution?, regions: [{ iso, name_ru, name_kk, name_en, lat, lng,
 *   pop_approx_2024, approximate? }] }`, one row per shape, no more, no fewer.
 * - Attribution: the meta's `attribution` (null = public domain); without that field, the
 *   backticked line after "…attribution…:" in a NOTICE.md beside the pack. Neither: refused,
 *   since a licensed layer must not be shown without its credit.
 * - id: the meta's `id`, else the geometry file's name without its extension.
 *
 * So the reference pack loads as is: REGION_PACK=../shared/geo/kz-regions-20.topo.json (or
 * REGION_PACK=../shared/geo), id 'kz-regions-20', attribution from its NOTICE.md. A shape
 * whose code is a current ISO region code includes that region; other codes (districts)
 * include none. A bad pack throws an Error naming the file and every problem found.
 */

/** The built-in layers by REGION_LAYER value. */
export const BUILTIN_LAYERS = {
  current: 'kz-regions-20.geo.json',
  '2018': 'kz-regions-17.geo.json',
} as const;
export type BuiltinLayerName = keyof typeof BUILTIN_LAYERS;

const dataFile = (name: BuiltinLayerName) =>
  fileURLToPath(new URL(`../../../shared/data/${BUILTIN_LAYERS[name]}`, import.meta.url));
const GEOMETRY_FILE = /\.(topo\.json|topojson|geo\.json|geojson)$/i;
const META_SUFFIX = '-meta.json';

/** A built-in layer, validated: today's 20 units by default, or the 17 shapes of 2018–2022. */
export function loadBuiltinLayer(name: BuiltinLayerName = 'current'): RegionLayer {
  const file = dataFile(name);
  const where = `built-in region layer ${path.relative(process.cwd(), file)}`;
  return validLayer(where, parseJson(where, readFileSync(file, 'utf8')));
}

/** The pack named by REGION_PACK when set, else the built-in layer REGION_LAYER names. */
export async function loadRegionLayer(
  packPath: string | undefined,
  builtin: BuiltinLayerName = 'current',
): Promise<RegionLayer> {
  return packPath ? loadRegionPack(packPath) : loadBuiltinLayer(builtin);
}

/** Loads and validates a region pack (conventions above); throws `region pack <path>: <problems>`. */
export async function loadRegionPack(packPath: string): Promise<RegionLayer> {
  const where = `region pack ${packPath}`;
  const files = await packFiles(packPath).catch((error: unknown) => refuse(where, [reason(error)]));
  const read = async (file: string) => parseJson(`${where}: ${path.basename(file)}`, await readFile(file, 'utf8'));

  const metaJson = await read(files.meta);
  const metaParsed = regionPackMetaSchema.safeParse(metaJson, { reportInput: true });
  if (!metaParsed.success) refuse(where, metaProblems(metaParsed.error, metaJson));
  const meta = metaParsed.data;
  const features = decode(await read(files.geometry));
  if (!Array.isArray(features)) refuse(where, [features.problem]);

  const shapeCodes = features.map((f) => f.code);
  const metaCodes = meta.regions.map((r) => r.iso);
  const problems = [
    ...duplicates(shapeCodes).map((code) => `duplicate code ${code}`),
    ...duplicates(metaCodes).map((code) => `duplicate code ${code} in meta`),
    ...listed('codes missing from meta', shapeCodes, metaCodes),
    ...listed('codes in meta without a shape', metaCodes, shapeCodes),
  ];
  if (problems.length > 0) refuse(where, problems);

  const attribution = meta.attribution !== undefined ? meta.attribution : await noticeAttribution(files.notice);
  if (attribution === undefined) {
    refuse(where, [`no attribution: add "attribution" to ${path.basename(files.meta)} (null if public domain)`]);
  }
  const shapes = meta.regions.map((row): RegionShapeMeta => ({
    code: row.iso,
    name: { ru: row.name_ru, kk: row.name_kk, en: row.name_en },
    lat: row.lat,
    lng: row.lng,
    population: row.pop_approx_2024,
    includes: isRegionCode(row.iso) ? [row.iso] : [],
    isApproximate: row.approximate ?? false,
  }));
  const geojson = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: { code: f.code }, geometry: f.geometry })),
  };
  const id = meta.id ?? path.basename(files.geometry).replace(GEOMETRY_FILE, '');
  return validLayer(where, { id, attribution, shapes, geojson });
}

function refuse(where: string, problems: string[]): never {
  throw new Error(`${where}: ${problems.join('; ')}`);
}

interface PackFiles {
  geometry: string;
  meta: string;
  notice: string;
}

async function packFiles(packPath: string): Promise<PackFiles> {
  const isDirectory = (await stat(packPath)).isDirectory();
  const dir = isDirectory ? packPath : path.dirname(packPath);
  const names = await readdir(dir);
  const geometryNames = isDirectory ? names.filter((n) => GEOMETRY_FILE.test(n)) : [path.basename(packPath)];
  if (geometryNames.length !== 1) {
    throw new Error(`expected one *.topo.json or *.geo.json file in the directory, found ${geometryNames.length}`);
  }
  const geometry = geometryNames[0] ?? '';
  const own = geometry.replace(GEOMETRY_FILE, '') + META_SUFFIX;
  const metas = names.includes(own) ? [own] : names.filter((n) => n.endsWith(META_SUFFIX));
  if (metas.length !== 1) {
    throw new Error(`expected a meta file ${own} (or a single *${META_SUFFIX}) beside ${geometry}`);
  }
  const join = (name: string) => path.join(dir, name);
  return { geometry: join(geometry), meta: join(metas[0] ?? ''), notice: join('NOTICE.md') };
}

type PackFeature = { code: string } & Pick<RegionLayer['geojson']['features'][number], 'geometry'>;

/** TopoJSON or GeoJSON → features with their codes, or the first problem found. */
function decode(json: unknown): PackFeature[] | { problem: string } {
  let geojson = json;
  const topology = topologySchema.safeParse(json);
  if (topology.success) {
    const names = Object.keys(topology.data.objects);
    const name = names.includes('regions') ? 'regions' : names.length === 1 ? names[0] : undefined;
    if (name === undefined)
      return { problem: `TopoJSON has objects ${names.join(', ')}: name the regions one 'regions'` };
    try {
      const topo = json as Topology<Record<string, GeometryCollection>>;
      geojson = topoFeature(topo, topo.objects[name] as GeometryCollection);
    } catch (error) {
      return { problem: `TopoJSON cannot be decoded (${reason(error)})` };
    }
  } else if ((json as { type?: unknown } | null)?.type === 'Topology') {
    return { problem: `not a valid TopoJSON topology (${issueLines(topology.error).join('; ')})` };
  }
  const parsed = regionPackGeoJsonSchema.safeParse(geojson, { reportInput: true });
  if (!parsed.success) return { problem: geometryProblem(parsed.error, geojson) };
  const features: PackFeature[] = [];
  for (const [i, f] of parsed.data.features.entries()) {
    const code = featureCode(f);
    if (code === undefined) return { problem: `feature #${i + 1} has no code (id, properties.code or properties.iso)` };
    features.push({ code, geometry: f.geometry });
  }
  return features;
}

function featureCode(f: { id?: string | number | undefined; properties: Record<string, unknown> | null }) {
  const code = f.id ?? f.properties?.['code'] ?? f.properties?.['iso'];
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

function validLayer(where: string, candidate: unknown): RegionLayer {
  const parsed = regionLayerSchema.safeParse(candidate, { reportInput: true });
  if (!parsed.success) throw new Error(`${where}: ${issueLines(parsed.error).join('; ')}`);
  const problems = checkRegionShapes(parsed.data);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return parsed.data;
}

/** "meta field pop_approx_2024 of KZ-11 must be a number". */
function metaProblems(error: z.ZodError, input: unknown): string[] {
  return error.issues.slice(0, 5).map((issue) => {
    const [top, index, ...field] = issue.path;
    const row = typeof index === 'number' ? (input as { regions: { iso?: unknown }[] }).regions[index] : undefined;
    const label = typeof row?.iso === 'string' ? row.iso : `row ${Number(index) + 1}`;
    const subject = top === 'regions' && field.length > 0 ? `${field.join('.')} of ${label}` : issue.path.join('.');
    return `meta field ${subject || '(root)'} ${isMissing(issue) ? 'is missing' : issue.message}`;
  });
}

/** "shape KZ-11 has an invalid geometry: ring is not closed (at coordinates.0)". */
function geometryProblem(error: z.ZodError, input: unknown): string {
  const [issue] = error.issues;
  if (!issue) return 'invalid GeoJSON';
  const [top, index, , ...rest] = issue.path;
  if (top !== 'features' || typeof index !== 'number') return `not a region GeoJSON (${issueLines(error)[0] ?? ''})`;
  const raw = (input as { features: { id?: string | number; properties: Record<string, unknown> | null }[] }).features;
  const code = featureCode(raw[index] ?? { properties: null }) ?? `#${index + 1}`;
  return `shape ${code} has an invalid geometry: ${issue.message}${rest.length > 0 ? ` (at ${rest.join('.')})` : ''}`;
}

function issueLines(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}${isMissing(i) ? ' is missing' : ` ${i.message}`}`);
}

function isMissing(issue: z.core.$ZodIssue): boolean {
  return 'input' in issue && issue.input === undefined && issue.code === 'invalid_type';
}

async function noticeAttribution(notice: string): Promise<string | undefined> {
  const text = await readFile(notice, 'utf8').catch(() => '');
  return /attribution[^\n]*:[ \t]*\r?\n[ \t]*`([^`\n]+)`/i.exec(text)?.[1]?.trim();
}

function parseJson(where: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${reason(error)})`, { cause: error });
  }
}

function listed(label: string, codes: string[], known: string[]): string[] {
  const absent = [...new Set(codes.filter((c) => !known.includes(c)))];
  return absent.length > 0 ? [`${label}: ${absent.join(', ')}`] : [];
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
