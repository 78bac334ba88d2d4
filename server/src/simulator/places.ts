import { SETTLEMENTS, type Location, type Region, type RegionCode } from '@shared';
import type { Rng } from './random';

/** A text in both languages of the country. */
export interface Bilingual {
  ru: string;
  kk: string;
}

export type Language = keyof Bilingual;

const t = (ru: string, kk: string = ru): Bilingual => ({ ru, kk });

// Settlements and city districts come from the shared gazetteer (shared/src/domain/places.ts),
// the same list the agent console offers; streets and microdistricts are the simulator's own.

const STREETS: readonly Bilingual[] = [
  t('ул. Абая', 'Абай к-сі'),
  t('ул. Жамбыла', 'Жамбыл к-сі'),
  t('ул. Сейфуллина', 'Сейфуллин к-сі'),
  t('ул. Толе би', 'Төле би к-сі'),
  t('ул. Богенбай батыра', 'Бөгенбай батыр к-сі'),
  t('ул. Ауэзова', 'Әуезов к-сі'),
  t('ул. Сатпаева', 'Сәтбаев к-сі'),
  t('ул. Байтурсынова', 'Байтұрсынов к-сі'),
  t('пр. Абылай хана', 'Абылай хан даңғ.'),
  t('ул. Момышулы', 'Момышұлы к-сі'),
  t('ул. Желтоксан', 'Желтоқсан к-сі'),
  t('ул. Пушкина', 'Пушкин к-сі'),
  t('ул. Гагарина', 'Гагарин к-сі'),
  t('ул. Майлина', 'Майлин к-сі'),
  t('пр. Республики', 'Республика даңғ.'),
  t('ул. Манаса', 'Манас к-сі'),
  t('ул. Шокана Уалиханова', 'Шоқан Уәлиханов к-сі'),
  t('ул. Бейбитшилик', 'Бейбітшілік к-сі'),
  t('ул. Тауелсиздик', 'Тәуелсіздік к-сі'),
  t('ул. Иманова', 'Иманов к-сі'),
];

const MICRODISTRICTS: readonly Bilingual[] = [
  t('мкр. Самал', 'Самал ш/а'),
  t('мкр. Жетысу', 'Жетісу ш/а'),
  t('мкр. Нурсат', 'Нұрсат ш/а'),
  t('мкр. Коктем', 'Көктем ш/а'),
  t('мкр. Акбулак', 'Ақбұлақ ш/а'),
  t('мкр. Шанырак', 'Шаңырақ ш/а'),
];

/** Where one appeal (or one outage) is: the town, its district and a point. */
export interface Place {
  region: Region;
  town: Bilingual;
  district: Bilingual | null;
  lat: number;
  lng: number;
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** A uniform point in a disc of `radius` degrees around (lat, lng). */
export function pointNear(rng: Rng, lat: number, lng: number, radius: number): { lat: number; lng: number } {
  const r = radius * Math.sqrt(rng.next());
  const a = 2 * Math.PI * rng.next();
  return { lat: round5(lat + r * Math.sin(a)), lng: round5(lng + r * Math.cos(a)) };
}

/** Appeals cluster within ~0.05° of a city centre and ~0.3° of an oblast centroid. */
export function regionRadius(region: Region): number {
  return region.kind === 'city' ? 0.05 : 0.3;
}

/** A random place in `region`: its centre town two times in three. */
export function randomPlace(rng: Rng, region: Region): Place {
  const settlements = SETTLEMENTS[region.code];
  const settlement = settlements.length > 1 && rng.chance(0.35) ? rng.pick(settlements.slice(1)) : settlements[0];
  if (!settlement) throw new Error(`no settlements for ${region.code}`);
  const point = pointNear(rng, region.lat, region.lng, regionRadius(region));
  const district = settlement.districts ? rng.pick(settlement.districts).name : null;
  return { region, town: settlement.name, district, ...point };
}

/** A place a few hundred metres from `centre` (the same town and district). */
export function placeNear(rng: Rng, centre: Place, radius: number): Place {
  return { ...centre, ...pointNear(rng, centre.lat, centre.lng, radius) };
}

export interface AddressOptions {
  /** Street-level problems (a pothole, a lamp) are "near house N", not in a flat. */
  isStreetLevel: boolean;
  street?: Bilingual;
}

/** A plausible postal address in the appeal's language. */
export function randomAddress(rng: Rng, place: Place, language: Language, options: AddressOptions): string {
  const useMicrodistrict = options.street === undefined && rng.chance(0.25);
  const street = useMicrodistrict ? rng.pick(MICRODISTRICTS) : (options.street ?? rng.pick(STREETS));
  const house = useMicrodistrict ? rng.int(1, 60) : rng.int(1, 180);
  const flat = !options.isStreetLevel && rng.chance(0.7) ? rng.int(1, 240) : null;
  if (language === 'kk') {
    const head = `${place.town.kk} қ., ${street.kk}`;
    if (options.isStreetLevel) return `${head}, ${house}-үйдің жанында`;
    return flat === null ? `${head}, ${house}-үй` : `${head}, ${house}-үй, ${flat}-пәтер`;
  }
  const head = `г. ${place.town.ru}, ${street.ru}`;
  if (options.isStreetLevel) return `${head}, у д. ${house}`;
  return flat === null ? `${head}, д. ${house}` : `${head}, д. ${house}, кв. ${flat}`;
}

/** A few streets of one neighbourhood, for the appeals of one outage. */
export function neighbourhoodStreets(rng: Rng, count: number): Bilingual[] {
  const streets = [...STREETS];
  const chosen: Bilingual[] = [];
  while (chosen.length < count && streets.length > 0) {
    const i = rng.int(0, streets.length - 1);
    chosen.push(...streets.splice(i, 1));
  }
  return chosen;
}

/** The appeal as a contract `location`. */
export function toLocation(place: Place, address: string, language: Language): Location {
  return {
    lat: place.lat,
    lng: place.lng,
    address,
    ...(place.district ? { district: place.district[language] } : {}),
  };
}

/**
 * Share of appeals written in Kazakh: higher in the south and west, lower in the
 * Russian-speaking north. A rough picture, good enough for a mixed live feed.
 */
const KAZAKH_SHARE: Partial<Record<RegionCode, number>> = {
  'KZ-61': 0.6,
  'KZ-79': 0.5,
  'KZ-43': 0.6,
  'KZ-31': 0.5,
  'KZ-23': 0.55,
  'KZ-47': 0.5,
  'KZ-62': 0.45,
  'KZ-59': 0.15,
  'KZ-39': 0.15,
  'KZ-55': 0.2,
  'KZ-11': 0.2,
  'KZ-63': 0.2,
  'KZ-35': 0.25,
  'KZ-75': 0.3,
};

export function pickLanguage(rng: Rng, region: Region): Language {
  return rng.chance(KAZAKH_SHARE[region.code] ?? 0.35) ? 'kk' : 'ru';
}
