import { REGIONS } from '@shared';
import { describe, expect, it } from 'vitest';
import { parseRegionsResponse } from '../../../../../client/src/features/map/regionLayerSchema';
import {
  LAYER_RETRY_MAX_MS,
  LAYER_RETRY_MS,
  layerOutcome,
} from '../../../../../client/src/features/map/regionLayerState';
import { fixtureLayer } from './layerFixture';

const ok = (data: unknown) => ({ ok: true as const, status: 200, data });
const failed = (status: number) => ({ ok: false as const, status, error: null, retryAfter: null });

describe('parseRegionsResponse', () => {
  it('reads the layer and the optional tiles of GET /api/regions', () => {
    const layer = fixtureLayer('Boundaries © OpenStreetMap contributors (ODbL)');
    const parsed = parseRegionsResponse({ regions: REGIONS, layer, tiles: null });
    expect(parsed.layer).toEqual(layer);
    expect(parsed.tiles).toBeNull();
    const tiles = parseRegionsResponse({ layer, tiles: { url: '/tiles/{z}/{x}/{y}.png', attribution: '© OSM' } });
    expect(tiles.tiles).toEqual({ url: '/tiles/{z}/{x}/{y}.png', attribution: '© OSM' });
  });

  it('has no layer in an answer from a server without the map', () => {
    expect(parseRegionsResponse({ regions: REGIONS })).toEqual({ layer: null, tiles: null });
    expect(parseRegionsResponse(null).layer).toBeNull();
    expect(parseRegionsResponse({ layer: { id: 'x' } }).layer).toBeNull();
  });

  it('keeps the outlines when the tiles entry is unusable', () => {
    const parsed = parseRegionsResponse({ layer: fixtureLayer(), tiles: { url: 42 } });
    expect(parsed.layer?.shapes).toHaveLength(5);
    expect(parsed.tiles).toBeNull();
  });

  it('drops shapes without outlines, outlines without shapes and unknown included codes', () => {
    const layer = fixtureLayer();
    layer.geojson.features = layer.geojson.features.filter((f) => f.properties.code !== 'KZ-71');
    layer.geojson.features.push({
      type: 'Feature',
      properties: { code: 'XX-1' },
      geometry: { type: 'Polygon', coordinates: [] },
    });
    (layer.shapes[0]?.includes as string[]).push('KZ-99');
    const parsed = parseRegionsResponse({ layer }).layer;
    expect(parsed?.shapes.map((s) => s.code)).toEqual(['KZ-63', 'KZ-19', 'KZ-75', 'KZ-79']);
    expect(parsed?.geojson.features.map((f) => f.properties.code)).toEqual(['KZ-63', 'KZ-19', 'KZ-75', 'KZ-79']);
    expect(parsed?.shapes[0]?.includes).toEqual(['KZ-63', 'KZ-10']);
  });
});

describe('layerOutcome', () => {
  it('is ready with a layer, and unavailable (no retry) without one', () => {
    expect(layerOutcome(ok({ layer: fixtureLayer() }), 0)).toMatchObject({
      state: { status: 'ready' },
      retryInMs: null,
    });
    expect(layerOutcome(ok({ regions: [] }), 0)).toEqual({
      state: { status: 'unavailable', layer: null, tiles: null },
      retryInMs: null,
    });
    expect(layerOutcome(failed(404), 0).retryInMs).toBeNull();
  });

  it('retries with back-off when the server cannot be reached or fails', () => {
    expect(layerOutcome(failed(0), 0)).toEqual({
      state: { status: 'failed', layer: null, tiles: null },
      retryInMs: LAYER_RETRY_MS,
    });
    expect(layerOutcome(failed(503), 1).retryInMs).toBe(2 * LAYER_RETRY_MS);
    expect(layerOutcome(failed(0), 50).retryInMs).toBe(LAYER_RETRY_MAX_MS);
  });
});
