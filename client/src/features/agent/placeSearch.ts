import { REGION_CODES, SETTLEMENTS, type LocalizedName, type RegionCode } from '@shared';
import type { Language } from '../../i18n/languages';
import { bestMatch, foldText, MATCH } from './textSearch';

/** A known place the agent can pick: a settlement, or a district of one of the three big cities. */
export interface KnownPlace {
  /** Stable key: `KZ-75:0` (region, settlement index) or `KZ-75:0:5` (…, district index). */
  id: string;
  kind: 'settlement' | 'district';
  name: LocalizedName;
  /** The settlement a district belongs to (null for a settlement). */
  settlement: LocalizedName | null;
  region: RegionCode;
  lat: number;
  lng: number;
  /** The region's administrative centre (listed first among equals). */
  isCentre: boolean;
}

/** Every settlement and district of the gazetteer (shared/src/domain/places.ts), regions in code order. */
export const KNOWN_PLACES: readonly KnownPlace[] = REGION_CODES.flatMap((region) =>
  SETTLEMENTS[region].flatMap((settlement, i): KnownPlace[] => [
    {
      id: `${region}:${i}`,
      kind: 'settlement',
      name: settlement.name,
      settlement: null,
      region,
      lat: settlement.lat,
      lng: settlement.lng,
      isCentre: i === 0,
    },
    ...(settlement.districts ?? []).map((district, j): KnownPlace => ({
      id: `${region}:${i}:${j}`,
      kind: 'district',
      name: district.name,
      settlement: settlement.name,
      region,
      lat: district.lat,
      lng: district.lng,
      isCentre: false,
    })),
  ]),
);

/** At most this many suggestions: a list that fits beside the form without scrolling. */
export const PLACE_SUGGESTIONS = 8;

const names = (name: LocalizedName): string[] => [name.ru, name.kk, name.en];

/**
 * Places for what the agent typed, best first, only in the regions the user may register
 * appeals in; with nothing typed, the first places of those regions (none for all regions). A district also matches "<city> <district>" ("Алматы Медеу"). Among equal
 * matches: settlements before districts, administrative centres first, then gazetteer order.
 */
export function searchPlaces(
  query: string,
  allowed: ReadonlySet<RegionCode> | 'all',
  limit = PLACE_SUGGESTIONS,
): KnownPlace[] {
  const folded = foldText(query);
  // Nothing typed yet (arrow down in an empty field): a desk for a few regions sees their places.
  if (folded === '') return allowed === 'all' ? [] : KNOWN_PLACES.filter((p) => allowed.has(p.region)).slice(0, limit);
  const scored: { place: KnownPlace; score: number }[] = [];
  for (const place of KNOWN_PLACES) {
    if (allowed !== 'all' && !allowed.has(place.region)) continue;
    let kind = bestMatch(folded, names(place.name));
    if (place.settlement && kind === MATCH.none) {
      const full = names(place.name).map((n, i) => `${names(place.settlement as LocalizedName)[i]} ${n}`);
      kind = Math.min(bestMatch(folded, full), MATCH.words) as typeof kind;
    }
    if (kind === MATCH.none) continue;
    const score = kind * 4 + (place.kind === 'settlement' ? 2 : 0) + (place.isCentre ? 1 : 0);
    scored.push({ place, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.place);
}

/** The place's name as the list and the address show it: "Медеуский район, Алматы". */
export function placeLabel(place: Pick<KnownPlace, 'name' | 'settlement'>, language: Language): string {
  return place.settlement ? `${place.name[language]}, ${place.settlement[language]}` : place.name[language];
}

/** The place with this id, or null. */
export function placeById(id: string): KnownPlace | null {
  return KNOWN_PLACES.find((p) => p.id === id) ?? null;
}
