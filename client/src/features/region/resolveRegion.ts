import { REGIONS, shapeCodeOf, type RegionLayer, type RegionShapeMeta } from '@shared';

/** What a `/region/:code` link opens. */
export interface RegionSelection {
  /** The region the panel shows: a shape of the layer, or one of the 20 regions on its own. */
  shape: Pick<RegionShapeMeta, 'code' | 'name' | 'includes' | 'population' | 'isApproximate'>;
  /** The map shape to outline (the parent shape for a 2022 oblast on the built-in layer), or null. */
  mapCode: string | null;
}

/**
 * The region for a link's code (case-insensitive): a shape of the layer first; else one of
 * the 20 current regions, shown alone even where the map draws it inside a parent shape
 * (`/region/KZ-10` shows Abai, outlining East Kazakhstan); else null. Works before the
 * layer has loaded, or without one, for the 20 regions.
 */
export function resolveRegion(layer: Pick<RegionLayer, 'shapes'> | null, code: string): RegionSelection | null {
  const wanted = code.toUpperCase();
  const shape = layer?.shapes.find((s) => s.code.toUpperCase() === wanted);
  if (shape) return { shape, mapCode: shape.code };
  const region = REGIONS.find((r) => r.code === wanted);
  if (!region) return null;
  return {
    shape: {
      code: region.code,
      name: region.name,
      includes: [region.code],
      population: region.population,
      isApproximate: false,
    },
    mapCode: layer ? shapeCodeOf(layer, region.code) : null,
  };
}
