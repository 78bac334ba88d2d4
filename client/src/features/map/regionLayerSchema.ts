import { isRegionCode, type RegionCode, type RegionLayer } from '@shared';
import { z } from 'zod';

const localizedName = z.object({ ru: z.string(), kk: z.string(), en: z.string() });

const shapeSchema = z.object({
  code: z.string().min(1).max(64),
  name: localizedName,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  population: z.number().nonnegative(),
  // A pack made for a newer contract may name regions this build does not know: drop them.
  includes: z.array(z.string()).transform((codes) => codes.filter((c): c is RegionCode => isRegionCode(c))),
  isApproximate: z.boolean(),
});

// Coordinates are checked only as arrays: walking every vertex of a country's outline in
// zod would cost more than drawing it, and Leaflet skips what it cannot read.
const featureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string().min(1).max(64) }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});

const layerSchema = z.object({
  id: z.string(),
  attribution: z.string().nullable(),
  shapes: z.array(shapeSchema),
  geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema) }),
});

/** Optional raster tiles under the outlines (the server's TILE_URL), with their credit line. */
export interface TileSource {
  url: string;
  attribution: string | null;
}

const tilesSchema = z
  .object({ url: z.string().min(1), attribution: z.string().nullable().optional() })
  .transform((tiles): TileSource => ({ url: tiles.url, attribution: tiles.attribution ?? null }));

/**
 * What `GET /api/regions` may answer: a server from before the map has no `layer`, nor
 * `tiles`. Unusable tiles are ignored rather than costing the outlines.
 */
const responseSchema = z.object({
  layer: layerSchema.optional(),
  tiles: tilesSchema.nullable().optional().catch(null),
});

/**
 * The map layer and tiles of a `GET /api/regions` answer; the layer is null when there is
 * none (an older server) or it is malformed. The server validates packs thoroughly
 * (shared/src/geo/regionLayerSchema.ts, every vertex); the client only checks the
 * structure it relies on, and drops shapes without an outline and outlines without a
 * shape, so every drawn region has its names, population and included regions.
 */
export function parseRegionsResponse(body: unknown): { layer: RegionLayer | null; tiles: TileSource | null } {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) return { layer: null, tiles: null };
  return { layer: usableLayer(parsed.data.layer), tiles: parsed.data.tiles ?? null };
}

function usableLayer(layer: z.infer<typeof layerSchema> | undefined): RegionLayer | null {
  if (!layer) return null;
  const drawn = new Set(layer.geojson.features.map((f) => f.properties.code));
  const shapes = layer.shapes.filter((s) => drawn.has(s.code));
  const described = new Set(shapes.map((s) => s.code));
  const features = layer.geojson.features.filter((f) => described.has(f.properties.code));
  if (shapes.length === 0) return null;
  return {
    id: layer.id,
    attribution: layer.attribution,
    shapes,
    geojson: { type: 'FeatureCollection', features } as RegionLayer['geojson'],
  };
}
