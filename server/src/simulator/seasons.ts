import { CATEGORY_CODES, REGIONS, type CategoryCode, type Channel, type Priority, type Region } from '@shared';
import type { Rng } from './random';

/**
 * What people complain about, by season. Base shares are rough i-KOMEK proportions;
 * the monthly multipliers (January first) make heating dominate the cold half of the
 * year, snow clearing December–February, thaw flooding March–May and greenery,
 * animals and noise the summer.
 */
const BASE_SHARE: Record<CategoryCode, number> = {
  heating: 10,
  water_sewer: 12,
  electricity: 7,
  gas: 3,
  lifts: 5,
  lighting: 5,
  roads: 7,
  winter_upkeep: 6,
  flooding: 3,
  waste: 9,
  landscaping: 6,
  animals_pests: 4,
  public_transport: 6,
  housing: 9,
  public_order: 5,
  consultation: 14,
  healthcare: 12,
  education: 4,
  social_support: 4,
  utility_billing: 6,
  corruption: 0.5,
};

type Months = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

const MONTHLY: Partial<Record<CategoryCode, Months>> = {
  // Summer still has some: hot water is switched off for planned maintenance.
  heating: [3, 2.8, 2, 1.3, 0.4, 0.2, 0.15, 0.15, 0.4, 1.6, 2.4, 3],
  winter_upkeep: [3.2, 3, 1.2, 0.2, 0, 0, 0, 0, 0, 0.1, 1, 3],
  flooding: [0.2, 0.4, 2.5, 3.5, 2.5, 1.2, 0.8, 0.6, 0.4, 0.3, 0.2, 0.2],
  landscaping: [0.2, 0.2, 0.5, 1.2, 2, 2.3, 2.3, 2, 1.4, 0.8, 0.3, 0.2],
  animals_pests: [0.4, 0.4, 0.6, 1, 1.6, 1.9, 2, 1.8, 1.3, 0.8, 0.5, 0.4],
  water_sewer: [1.1, 1.1, 1, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.1],
  electricity: [1.2, 1.1, 1, 0.9, 0.9, 1.1, 1.3, 1.2, 0.9, 0.9, 1, 1.2],
  roads: [0.7, 0.8, 1.3, 1.6, 1.3, 1, 0.9, 0.9, 1, 1, 0.8, 0.7],
  lighting: [1.3, 1.2, 1, 0.8, 0.7, 0.6, 0.6, 0.7, 0.9, 1.1, 1.3, 1.4],
  public_order: [0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.3, 1, 0.9, 0.8, 0.9],
  gas: [1.4, 1.3, 1.1, 0.9, 0.8, 0.7, 0.7, 0.7, 0.8, 1.1, 1.3, 1.4],
  waste: [0.9, 0.9, 1, 1.1, 1.1, 1.2, 1.2, 1.2, 1, 0.9, 0.9, 1],
  // Flu season, and school places asked for before September.
  healthcare: [1.3, 1.3, 1.1, 1, 0.9, 0.8, 0.8, 0.8, 0.9, 1, 1.1, 1.3],
  education: [0.8, 0.8, 0.9, 0.9, 1, 1.2, 1.3, 1.8, 1.4, 0.8, 0.7, 0.6],
  // Heating bills arrive in winter.
  utility_billing: [1.4, 1.3, 1.1, 0.9, 0.8, 0.7, 0.7, 0.7, 0.8, 1, 1.2, 1.4],
};

/** Winters are harsher in the north (Petropavl, Astana) than in the south (Shymkent). */
function winterFactor(region: Region): number {
  if (region.lat >= 50) return 1.3;
  if (region.lat < 44.5) return 0.6;
  return 1;
}

const WINTER_CATEGORIES: ReadonlySet<CategoryCode> = new Set(['heating', 'winter_upkeep']);

/** Category weights for one region and month (1–12), in CATEGORY_CODES order. */
export function categoryWeights(region: Region, month: number): number[] {
  return CATEGORY_CODES.map((code) => {
    const monthly = MONTHLY[code]?.[month - 1] ?? 1;
    const climate = WINTER_CATEGORIES.has(code) ? winterFactor(region) : 1;
    return BASE_SHARE[code] * monthly * climate;
  });
}

/** Picks a category for an appeal in `region` during local `month`. */
export function pickCategory(rng: Rng, region: Region, month: number): CategoryCode {
  return rng.weighted(CATEGORY_CODES, categoryWeights(region, month));
}

/**
 * Where the load comes from: region population, with the three cities using 109 and
 * the apps more per resident than the oblasts.
 */
const REGION_WEIGHTS = REGIONS.map((r) => r.population * (r.kind === 'city' ? 1.5 : 1));

export function pickRegion(rng: Rng): Region {
  return rng.weighted(REGIONS, REGION_WEIGHTS);
}

const CHANNEL_CODES: readonly Channel[] = ['call', 'app', 'telegram', 'web', 'social', 'walk_in'];
const CHANNEL_WEIGHTS = [45, 20, 14, 9, 8, 4];
// Questions are mostly asked by phone or in person.
const CONSULTATION_CHANNEL_WEIGHTS = [60, 12, 10, 6, 4, 8];

export function pickChannel(rng: Rng, category: CategoryCode): Channel {
  return rng.weighted(CHANNEL_CODES, category === 'consultation' ? CONSULTATION_CHANNEL_WEIGHTS : CHANNEL_WEIGHTS);
}

const PRIORITY_CODES: readonly Priority[] = ['low', 'normal', 'high', 'emergency'];
const PRIORITY_WEIGHTS: Partial<Record<CategoryCode, readonly number[]>> = {
  // A smell of gas is an emergency by definition.
  gas: [0, 40, 35, 25],
  lifts: [3, 70, 20, 7],
  electricity: [3, 70, 22, 5],
  heating: [3, 72, 21, 4],
  flooding: [2, 63, 28, 7],
  consultation: [15, 85, 0, 0],
  landscaping: [20, 76, 4, 0],
  public_transport: [12, 83, 5, 0],
};
const DEFAULT_PRIORITY_WEIGHTS = [6, 76, 15, 3];

export function pickPriority(rng: Rng, category: CategoryCode): Priority {
  return rng.weighted(PRIORITY_CODES, PRIORITY_WEIGHTS[category] ?? DEFAULT_PRIORITY_WEIGHTS);
}
