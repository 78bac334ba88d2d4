/**
 * The 20 current first-level units of Kazakhstan (17 oblasts + 3 cities of republican
 * significance), keyed by ISO 3166-2:KZ code. Names, centroids and rounded populations
 * come from `../shared/geo/kz-regions-meta.json` (populations ±3 %, check stat.gov.kz
 * before quoting them), except the Russian names of the three oblasts of 2022: the meta
 * file writes them adjectivally ("Абайская область"), their official names are "область
 * Абай", "область Жетісу", "область Ұлытау". Geometry is not here: the map layer is
 * loaded separately (shared/data/, which carries these names).
 */
export const REGION_CODES = [
  'KZ-10',
  'KZ-11',
  'KZ-15',
  'KZ-19',
  'KZ-23',
  'KZ-27',
  'KZ-31',
  'KZ-33',
  'KZ-35',
  'KZ-39',
  'KZ-43',
  'KZ-47',
  'KZ-55',
  'KZ-59',
  'KZ-61',
  'KZ-62',
  'KZ-63',
  'KZ-71',
  'KZ-75',
  'KZ-79',
] as const;

export type RegionCode = (typeof REGION_CODES)[number];

export const REGION_KINDS = ['oblast', 'city'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export interface LocalizedName {
  ru: string;
  kk: string;
  en: string;
}

export interface Region {
  code: RegionCode;
  kind: RegionKind;
  name: LocalizedName;
  /** Administrative centre (English transliteration). */
  centre: string;
  /** Rounded 2024 population; used for load = backlog per 100k residents. */
  population: number;
  /** Area centroid inside the region, WGS 84. */
  lat: number;
  lng: number;
  /** For the three 2022 oblasts: the 2018–2022 region they were split from. */
  parent2018: RegionCode | null;
}

type Row = [RegionCode, RegionKind, string, string, string, string, number, number, number, RegionCode | null];

const ROWS: readonly Row[] = [
  ['KZ-10', 'oblast', 'Abai Region', 'область Абай', 'Абай облысы', 'Semey', 600000, 48.67, 80.11, 'KZ-63'],
  ['KZ-11', 'oblast', 'Akmola Region', 'Акмолинская область', 'Ақмола облысы', 'Kokshetau', 790000, 51.78, 69.91, null],
  ['KZ-15', 'oblast', 'Aktobe Region', 'Актюбинская область', 'Ақтөбе облысы', 'Aktobe', 920000, 48.6, 58.6, null],
  ['KZ-19', 'oblast', 'Almaty Region', 'Алматинская область', 'Алматы облысы', 'Konaev', 1500000, 44.31, 76.77, null],
  ['KZ-23', 'oblast', 'Atyrau Region', 'Атырауская область', 'Атырау облысы', 'Atyrau', 700000, 47.56, 52.14, null],
  [
    'KZ-27',
    'oblast',
    'West Kazakhstan Region',
    'Западно-Казахстанская область',
    'Батыс Қазақстан облысы',
    'Oral (Uralsk)',
    690000,
    49.81,
    50.67,
    null,
  ],
  ['KZ-31', 'oblast', 'Jambyl Region', 'Жамбылская область', 'Жамбыл облысы', 'Taraz', 1220000, 44.32, 72.14, null],
  ['KZ-33', 'oblast', 'Jetisu Region', 'область Жетісу', 'Жетісу облысы', 'Taldykorgan', 700000, 45.56, 78.94, 'KZ-19'],
  [
    'KZ-35',
    'oblast',
    'Karaganda Region',
    'Карагандинская область',
    'Қарағанды облысы',
    'Karaganda',
    1130000,
    48.67,
    73.36,
    null,
  ],
  [
    'KZ-39',
    'oblast',
    'Kostanay Region',
    'Костанайская область',
    'Қостанай облысы',
    'Kostanay',
    830000,
    51.6,
    64.02,
    null,
  ],
  [
    'KZ-43',
    'oblast',
    'Kyzylorda Region',
    'Кызылординская область',
    'Қызылорда облысы',
    'Kyzylorda',
    840000,
    45.19,
    63.63,
    null,
  ],
  [
    'KZ-47',
    'oblast',
    'Mangystau Region',
    'Мангистауская область',
    'Маңғыстау облысы',
    'Aktau',
    780000,
    44.11,
    53.97,
    null,
  ],
  [
    'KZ-55',
    'oblast',
    'Pavlodar Region',
    'Павлодарская область',
    'Павлодар облысы',
    'Pavlodar',
    750000,
    52.07,
    76.24,
    null,
  ],
  [
    'KZ-59',
    'oblast',
    'North Kazakhstan Region',
    'Северо-Казахстанская область',
    'Солтүстік Қазақстан облысы',
    'Petropavl',
    530000,
    53.86,
    69.27,
    null,
  ],
  [
    'KZ-61',
    'oblast',
    'Turkistan Region',
    'Туркестанская область',
    'Түркістан облысы',
    'Turkistan',
    2130000,
    43.22,
    68.45,
    null,
  ],
  ['KZ-62', 'oblast', 'Ulytau Region', 'область Ұлытау', 'Ұлытау облысы', 'Jezkazgan', 220000, 47.64, 67.95, 'KZ-35'],
  [
    'KZ-63',
    'oblast',
    'East Kazakhstan Region',
    'Восточно-Казахстанская область',
    'Шығыс Қазақстан облысы',
    'Oskemen (Ust-Kamenogorsk)',
    710000,
    49.04,
    84.16,
    null,
  ],
  ['KZ-71', 'city', 'Astana', 'Астана', 'Астана', 'Astana', 1420000, 51.13, 71.44, null],
  ['KZ-75', 'city', 'Almaty', 'Алматы', 'Алматы', 'Almaty', 2230000, 43.21, 76.94, null],
  ['KZ-79', 'city', 'Shymkent', 'Шымкент', 'Шымкент', 'Shymkent', 1220000, 42.3, 69.58, null],
];

/** All regions, in code order. */
export const REGIONS: readonly Region[] = ROWS.map(
  ([code, kind, en, ru, kk, centre, population, lat, lng, parent2018]) => ({
    code,
    kind,
    name: { en, ru, kk },
    centre,
    population,
    lat,
    lng,
    parent2018,
  }),
);

const BY_CODE = new Map<string, Region>(REGIONS.map((r) => [r.code, r]));

/** True when `code` is one of the 20 current ISO 3166-2:KZ codes. */
export function isRegionCode(code: string): code is RegionCode {
  return BY_CODE.has(code);
}

/** The region with this code; throws on an unknown code (validate first). */
export function getRegion(code: RegionCode): Region {
  const region = BY_CODE.get(code);
  if (!region) throw new Error(`unknown region ${code}`);
  return region;
}
