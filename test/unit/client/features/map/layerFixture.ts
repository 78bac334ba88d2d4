import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { RegionCode, RegionLayer, RegionShapeMeta } from '@shared';

/**
 * A tiny made-up region layer for tests: axis-aligned rectangles roughly where five
 * shapes of the built-in layer lie (no real boundaries: those are licensed data and stay
 * in ../shared/geo). East Kazakhstan aggregates Abai and Almaty Region aggregates Jetisu,
 * as on the built-in 17-shape layer; Shymkent is approximate; Almaty Region is a
 * MultiPolygon (a second, made-up island).
 */
function rectangle(west: number, south: number, east: number, north: number): Position[][] {
  return [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ];
}

type Row = [code: string, ru: string, kk: string, en: string, lat: number, lng: number, population: number];

function meta(
  [code, ru, kk, en, lat, lng, population]: Row,
  includes: RegionCode[],
  isApproximate = false,
): RegionShapeMeta {
  return { code, name: { ru, kk, en }, lat, lng, population, includes, isApproximate };
}

export const FIXTURE_SHAPES: RegionShapeMeta[] = [
  meta(
    ['KZ-63', 'Восточно-Казахстанская область', 'Шығыс Қазақстан облысы', 'East Kazakhstan Region', 49, 82, 1_330_000],
    ['KZ-63', 'KZ-10'],
  ),
  meta(['KZ-19', 'Алматинская область', 'Алматы облысы', 'Almaty Region', 44.5, 77, 2_200_000], ['KZ-19', 'KZ-33']),
  meta(['KZ-75', 'Алматы', 'Алматы', 'Almaty', 43.25, 76.95, 2_300_000], ['KZ-75']),
  meta(['KZ-71', 'Астана', 'Астана', 'Astana', 51.15, 71.45, 1_400_000], ['KZ-71']),
  meta(['KZ-79', 'Шымкент', 'Шымкент', 'Shymkent', 42.32, 69.59, 1_200_000], ['KZ-79'], true),
];

const GEOMETRY: Record<string, Polygon | MultiPolygon> = {
  'KZ-63': { type: 'Polygon', coordinates: rectangle(78, 46.8, 87, 51.5) },
  'KZ-19': {
    type: 'MultiPolygon',
    coordinates: [rectangle(73, 42.5, 80, 46.5), rectangle(74, 46.6, 75, 47)],
  },
  'KZ-75': { type: 'Polygon', coordinates: rectangle(76.8, 43.15, 77.1, 43.35) },
  'KZ-71': { type: 'Polygon', coordinates: rectangle(71.2, 51, 71.7, 51.3) },
  'KZ-79': { type: 'Polygon', coordinates: rectangle(69.4, 42.2, 69.8, 42.45) },
};

/** The fixture layer (a fresh copy each call). */
export function fixtureLayer(attribution: string | null = null): RegionLayer {
  return {
    id: 'test-5',
    attribution,
    shapes: structuredClone(FIXTURE_SHAPES),
    geojson: {
      type: 'FeatureCollection',
      features: FIXTURE_SHAPES.map((shape) => ({
        type: 'Feature',
        properties: { code: shape.code },
        geometry: structuredClone(GEOMETRY[shape.code] as Polygon | MultiPolygon),
      })),
    },
  };
}
