import { z } from 'zod';
import { regionCodeSchema } from '../schemas/common';
import type { RegionLayer } from './regionLayer';

/**
 * Zod schemas for region layers (design.md "Regions"): the layer the server serves and
 * the inputs of a region pack (REGION_PACK). Only the structure is checked here; the
 * server checks the geometry itself (self-intersections, labels inside their shapes)
 * with turf, which the client bundle should not carry.
 */

const number = (what = 'a number') => z.number({ error: `must be ${what}` });
const text = () => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');

/** [longitude, latitude] (GeoJSON order), an optional altitude is allowed and ignored. */
export const positionSchema = z
  .array(number(), { error: 'must be a [lng, lat] position' })
  .min(2, 'must be a [lng, lat] position')
  .max(3, 'must be a [lng, lat] position')
  .refine(([lng = NaN, lat = NaN]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, 'is not a WGS 84 position');

/** A closed linear ring: ≥ 4 positions, the last equal to the first. */
export const linearRingSchema = z
  .array(positionSchema, { error: 'must be a ring (array of positions)' })
  .min(4, 'ring has fewer than 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'ring is not closed (last position differs from the first)');

const polygonCoordinatesSchema = z.array(linearRingSchema).min(1, 'polygon has no rings');

/** Region shapes are areas: Polygon or MultiPolygon, nothing else. */
export const areaGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinatesSchema }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinatesSchema).min(1) }),
  ],
  { error: 'must be a Polygon or MultiPolygon' },
);

export const localizedNameSchema = z.object({ ru: text(), kk: text(), en: text() });

/** One shape's metadata (see `RegionShapeMeta`). */
export const regionShapeMetaSchema = z.object({
  /** Shape code, unique in the layer. */
  code: text(),
  name: localizedNameSchema,
  /** Label position, WGS 84; must lie inside the shape. */
  lat: number().min(-90).max(90),
  lng: number().min(-180).max(180),
  /** Residents of the shape (sum over `includes`). */
  population: number().int().nonnegative(),
  /** Current-scheme regions shown in this shape; a region belongs to one shape at most. */
  includes: z.array(regionCodeSchema),
  isApproximate: z.boolean({ error: 'must be true or false' }),
});

export const regionShapeFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.object({ code: text() }),
  geometry: areaGeometrySchema,
});

/** A whole layer, as built by scripts/buildRegions.ts or loaded from a pack. */
export const regionLayerSchema = z
  .object({
    /** 'builtin-17' or the pack's id. */
    id: text(),
    /** Licence text the map must show, or null (public domain). */
    attribution: text().nullable(),
    shapes: z.array(regionShapeMetaSchema).min(1, 'has no shapes'),
    geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(regionShapeFeatureSchema) }),
  })
  .superRefine((layer, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    const metaCodes = layer.shapes.map((s) => s.code);
    const shapeCodes = layer.geojson.features.map((f) => f.properties.code);
    for (const code of duplicates(metaCodes)) problem(`duplicate code ${code} in shapes`);
    for (const code of duplicates(shapeCodes)) problem(`duplicate code ${code} in geojson`);
    const missing = metaCodes.filter((c) => !shapeCodes.includes(c));
    if (missing.length > 0) problem(`shapes without geometry: ${missing.join(', ')}`);
    const extra = shapeCodes.filter((c) => !metaCodes.includes(c));
    if (extra.length > 0) problem(`geometry without shape metadata: ${extra.join(', ')}`);
    for (const code of duplicates(layer.shapes.flatMap((s) => s.includes))) {
      problem(`region ${code} is included in more than one shape`);
    }
  });

// The schema must produce the shared type: tsc fails here if the two drift apart.
const _sameShape: z.ZodType<RegionLayer> = regionLayerSchema;

/** One row of a pack's meta file; the field names are those of ../shared/geo/kz-regions-meta.json. */
export const regionPackMetaRowSchema = z.looseObject({
  /** Shape code: an ISO 3166-2:KZ code, or the pack's own code (e.g. a district). */
  iso: text(),
  name_ru: text(),
  name_kk: text(),
  name_en: text(),
  /** Label position inside the shape, WGS 84. */
  lat: number().min(-90).max(90),
  lng: number().min(-180).max(180),
  /** Residents (rounded). */
  pop_approx_2024: number().int().nonnegative(),
  /** True when the outline is approximate. */
  approximate: z.boolean({ error: 'must be true or false' }).optional(),
});

/** A pack's meta file: `{ id?, attribution?, regions: [...] }`; other fields (e.g. `note`) are ignored. */
export const regionPackMetaSchema = z.looseObject({
  /** Layer id; defaults to the geometry file's name without its extension. */
  id: text().optional(),
  /** Licence text to show on the map; null = public domain. Absent: taken from a sibling NOTICE.md. */
  attribution: text().nullable().optional(),
  regions: z.array(regionPackMetaRowSchema, { error: 'must be an array' }).min(1, 'is empty'),
});
export type RegionPackMeta = z.infer<typeof regionPackMetaSchema>;

/** A pack's GeoJSON: each feature's code is its `id`, else `properties.code`, else `properties.iso`. */
export const regionPackGeoJsonSchema = z.object({
  type: z.literal('FeatureCollection', { error: 'must be a GeoJSON FeatureCollection' }),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: areaGeometrySchema,
    }),
  ),
});

/** Just enough of a TopoJSON topology to pick the object to decode; topojson-client does the rest. */
export const topologySchema = z.looseObject({
  type: z.literal('Topology'),
  arcs: z.array(z.array(z.array(z.number()))),
  objects: z.record(
    z.string(),
    z.looseObject({ type: z.literal('GeometryCollection'), geometries: z.array(z.looseObject({ type: z.string() })) }),
  ),
});

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}
