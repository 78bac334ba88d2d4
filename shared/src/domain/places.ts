import type { LocalizedName, RegionCode } from './regions';

/**
 * A small gazetteer: the main settlements of each region (administrative centre first) and
 * the districts of the three cities of republican significance, with approximate
 * coordinates (WGS 84, town or district centre, within a few km; a point near the edge of
 * the 2018 layer's coarse outlines is moved inside them). Used by the agent console's
 * address typeahead, the demo simulator, Open311's `address_string` and the locator, where
 * a place an address names wins over the polygons (`placesNamedIn`). Real names, no
 * boundaries: the region of a settlement is given, not computed
 * (test/unit/shared/domain/places.test.ts checks that each point lies in its region on both
 * built-in map layers).
 */
export interface GazetteerDistrict {
  name: LocalizedName;
  lat: number;
  lng: number;
}

export interface Settlement {
  name: LocalizedName;
  region: RegionCode;
  lat: number;
  lng: number;
  /** City districts (аудандар); only the three cities of republican significance have them here. */
  districts?: readonly GazetteerDistrict[];
}

type Row = [ru: string, kk: string, en: string, lat: number, lng: number];

const named = ([ru, kk, en, lat, lng]: Row): GazetteerDistrict => ({ name: { ru, kk, en }, lat, lng });

function towns(region: RegionCode, ...rows: Row[]): Settlement[] {
  return rows.map((row) => ({ ...named(row), region }));
}

function city(region: RegionCode, row: Row, districts: Row[]): Settlement[] {
  return [{ ...named(row), region, districts: districts.map(named) }];
}

/** Settlements by region, administrative centre first. */
export const SETTLEMENTS: Readonly<Record<RegionCode, readonly Settlement[]>> = {
  'KZ-10': towns(
    'KZ-10',
    ['Семей', 'Семей', 'Semey', 50.411, 80.227],
    ['Шар', 'Шар', 'Shar', 49.586, 81.048],
    ['Аягоз', 'Аягөз', 'Ayagoz', 47.966, 80.439],
  ),
  'KZ-11': towns(
    'KZ-11',
    ['Кокшетау', 'Көкшетау', 'Kokshetau', 53.284, 69.396],
    ['Степногорск', 'Степногорск', 'Stepnogorsk', 52.347, 71.885],
    ['Щучинск', 'Щучинск', 'Shchuchinsk', 52.936, 70.19],
  ),
  'KZ-15': towns(
    'KZ-15',
    ['Актобе', 'Ақтөбе', 'Aktobe', 50.283, 57.167],
    ['Хромтау', 'Хромтау', 'Khromtau', 50.253, 58.436],
    ['Кандыагаш', 'Қандыағаш', 'Kandyagash', 49.475, 57.423],
  ),
  'KZ-19': towns(
    'KZ-19',
    ['Конаев', 'Қонаев', 'Konaev', 43.867, 77.067],
    ['Каскелен', 'Қаскелең', 'Kaskelen', 43.2, 76.62],
    ['Талгар', 'Талғар', 'Talgar', 43.303, 77.24],
    ['Есик', 'Есік', 'Yesik', 43.356, 77.453],
  ),
  'KZ-23': towns(
    'KZ-23',
    ['Атырау', 'Атырау', 'Atyrau', 47.107, 51.914],
    ['Кульсары', 'Құлсары', 'Kulsary', 46.953, 54.019],
  ),
  'KZ-27': towns(
    'KZ-27',
    ['Уральск', 'Орал', 'Oral (Uralsk)', 51.233, 51.367],
    ['Аксай', 'Ақсай', 'Aksay', 51.171, 52.995],
  ),
  'KZ-31': towns(
    'KZ-31',
    ['Тараз', 'Тараз', 'Taraz', 42.9, 71.367],
    ['Шу', 'Шу', 'Shu', 43.598, 73.761],
    ['Каратау', 'Қаратау', 'Karatau', 43.178, 70.46],
  ),
  'KZ-33': towns(
    'KZ-33',
    ['Талдыкорган', 'Талдықорған', 'Taldykorgan', 45.017, 78.383],
    ['Текели', 'Текелі', 'Tekeli', 44.83, 78.823],
    ['Жаркент', 'Жаркент', 'Zharkent', 44.163, 80.0],
  ),
  'KZ-35': towns(
    'KZ-35',
    ['Караганда', 'Қарағанды', 'Karaganda', 49.806, 73.085],
    ['Темиртау', 'Теміртау', 'Temirtau', 50.054, 72.964],
    ['Балхаш', 'Балқаш', 'Balkhash', 46.848, 74.995],
  ),
  'KZ-39': towns(
    'KZ-39',
    ['Костанай', 'Қостанай', 'Kostanay', 53.214, 63.624],
    ['Рудный', 'Рудный', 'Rudny', 52.972, 63.117],
    ['Лисаковск', 'Лисаков', 'Lisakovsk', 52.544, 62.493],
  ),
  'KZ-43': towns(
    'KZ-43',
    ['Кызылорда', 'Қызылорда', 'Kyzylorda', 44.853, 65.509],
    ['Аральск', 'Арал', 'Aralsk', 46.797, 61.668],
    ['Байконыр', 'Байқоңыр', 'Baikonur', 45.617, 63.317],
  ),
  'KZ-47': towns(
    'KZ-47',
    ['Актау', 'Ақтау', 'Aktau', 43.65, 51.16],
    ['Жанаозен', 'Жаңаөзен', 'Zhanaozen', 43.341, 52.862],
  ),
  'KZ-55': towns(
    'KZ-55',
    ['Павлодар', 'Павлодар', 'Pavlodar', 52.287, 76.967],
    ['Экибастуз', 'Екібастұз', 'Ekibastuz', 51.729, 75.322],
    ['Аксу', 'Ақсу', 'Aksu', 52.041, 76.927],
  ),
  'KZ-59': towns(
    'KZ-59',
    ['Петропавловск', 'Петропавл', 'Petropavl', 54.867, 69.15],
    ['Тайынша', 'Тайынша', 'Tayynsha', 53.848, 69.764],
    ['Булаево', 'Булаев', 'Bulayevo', 54.905, 70.443],
  ),
  'KZ-61': towns(
    'KZ-61',
    ['Туркестан', 'Түркістан', 'Turkistan', 43.297, 68.252],
    ['Кентау', 'Кентау', 'Kentau', 43.517, 68.505],
    ['Сарыагаш', 'Сарыағаш', 'Saryagash', 41.45, 69.17],
  ),
  'KZ-62': towns(
    'KZ-62',
    ['Жезказган', 'Жезқазған', 'Zhezkazgan', 47.783, 67.767],
    ['Сатпаев', 'Сәтбаев', 'Satbayev', 47.9, 67.533],
    ['Каражал', 'Қаражал', 'Karazhal', 48.005, 70.79],
  ),
  'KZ-63': towns(
    'KZ-63',
    ['Усть-Каменогорск', 'Өскемен', 'Oskemen (Ust-Kamenogorsk)', 49.948, 82.628],
    ['Риддер', 'Риддер', 'Ridder', 50.344, 83.513],
    ['Алтай', 'Алтай', 'Altai', 49.72, 84.27],
  ),
  'KZ-71': city(
    'KZ-71',
    ['Астана', 'Астана', 'Astana', 51.128, 71.43],
    [
      ['район Алматы', 'Алматы ауданы', 'Almaty district', 51.15, 71.49],
      ['район Байконыр', 'Байқоңыр ауданы', 'Baikonur district', 51.175, 71.42],
      ['район Есиль', 'Есіл ауданы', 'Yesil district', 51.1, 71.42],
      ['район Сарыарка', 'Сарыарқа ауданы', 'Saryarka district', 51.185, 71.36],
      ['район Нура', 'Нұра ауданы', 'Nura district', 51.065, 71.39],
    ],
  ),
  'KZ-75': city(
    'KZ-75',
    ['Алматы', 'Алматы', 'Almaty', 43.238, 76.946],
    [
      ['Алатауский район', 'Алатау ауданы', 'Alatau district', 43.28, 76.83],
      ['Алмалинский район', 'Алмалы ауданы', 'Almaly district', 43.25, 76.91],
      ['Ауэзовский район', 'Әуезов ауданы', 'Auezov district', 43.225, 76.85],
      ['Бостандыкский район', 'Бостандық ауданы', 'Bostandyk district', 43.21, 76.92],
      ['Жетысуский район', 'Жетісу ауданы', 'Zhetysu district', 43.29, 76.94],
      ['Медеуский район', 'Медеу ауданы', 'Medeu district', 43.235, 76.99],
      ['Наурызбайский район', 'Наурызбай ауданы', 'Nauryzbay district', 43.215, 76.835],
      ['Турксибский район', 'Түрксіб ауданы', 'Turksib district', 43.33, 76.96],
    ],
  ),
  'KZ-79': city(
    'KZ-79',
    ['Шымкент', 'Шымкент', 'Shymkent', 42.317, 69.596],
    [
      ['Абайский район', 'Абай ауданы', 'Abay district', 42.34, 69.54],
      ['Аль-Фарабийский район', 'Әл-Фараби ауданы', 'Al-Farabi district', 42.32, 69.6],
      ['Енбекшинский район', 'Еңбекші ауданы', 'Enbekshi district', 42.3, 69.64],
      ['Каратауский район', 'Қаратау ауданы', 'Karatau district', 42.38, 69.62],
      ['Туранский район', 'Тұран ауданы', 'Turan district', 42.28, 69.56],
    ],
  ),
};

/** The administrative centre of a region (the first settlement of its list). */
export function regionCentre(region: RegionCode): Settlement {
  const centre = SETTLEMENTS[region][0];
  if (!centre) throw new Error(`no settlements for ${region}`);
  return centre;
}

/** A settlement or city district an address names, with the region the gazetteer gives it. */
export interface NamedPlace {
  region: RegionCode;
  /** The settlement's (or district's) centre. */
  lat: number;
  lng: number;
  name: LocalizedName;
  /** The city district's Russian name (as the agent console writes it); absent for a settlement. */
  district?: string;
}

interface PlaceCandidate {
  /** The name's words, lower case, space-separated and padded: ` бостандыкский район `. */
  phrase: string;
  isDistrict: boolean;
  place: NamedPlace;
}

/**
 * Text as a padded run of lower-case words (`ё` read as `е`), so a name is found as whole
 * words only: "Шу" is not inside "Шуқыр", and punctuation or spacing does not matter.
 */
function phraseOf(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u);
  return ` ${words.filter((word) => word !== '').join(' ')} `;
}

/** "Oral (Uralsk)" → "Oral (Uralsk)", "Oral", "Uralsk": each spelling a citizen may type. */
function spellings(name: LocalizedName): string[] {
  const all = new Set<string>();
  for (const text of [name.ru, name.kk, name.en]) {
    all.add(text);
    const bracket = /^(.+?)\s*\((.+)\)$/.exec(text);
    if (bracket?.[1] && bracket[2]) {
      all.add(bracket[1]);
      all.add(bracket[2]);
    }
  }
  return [...all];
}

/** A few spellings the gazetteer's ru/kk/en names do not carry but addresses use. */
const OTHER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Konaev: ['Капшагай', 'Қапшағай', 'Kapchagay', 'Qonaev'],
  Zhezkazgan: ['Jezkazgan'],
  'Oskemen (Ust-Kamenogorsk)': ['Оскемен'],
  Taldykorgan: ['Taldyqorgan'],
  Semey: ['Семипалатинск', 'Semipalatinsk'],
};

const CANDIDATES: readonly PlaceCandidate[] = Object.values(SETTLEMENTS).flatMap((settlements) =>
  settlements.flatMap((settlement): PlaceCandidate[] => {
    const { name, region, lat, lng } = settlement;
    // One object per place, so that a place named twice (ru and en) is listed once.
    const place: NamedPlace = { region, lat, lng, name };
    const own = [...spellings(name), ...(OTHER_SPELLINGS[name.en] ?? [])].map((spelling) => ({
      phrase: phraseOf(spelling),
      isDistrict: false,
      place,
    }));
    const districts = (settlement.districts ?? []).flatMap((d) => {
      const district: NamedPlace = { region, lat: d.lat, lng: d.lng, name: d.name, district: d.name.ru };
      return spellings(d.name).map((spelling) => ({ phrase: phraseOf(spelling), isDistrict: true, place: district }));
    });
    return [...own, ...districts];
  }),
);

/** Districts first (a district wins over its city), then longer names over shorter ones they contain. */
function isPreferred(a: PlaceCandidate, b: PlaceCandidate): boolean {
  if (a.isDistrict !== b.isDistrict) return a.isDistrict;
  return a.phrase.length > b.phrase.length;
}

/**
 * The places of the gazetteer a free-text address names, best first: "Алматы, Бостандыкский
 * район, ул. Тимирязева 42" → the Bostandyk district, then Almaty. Names are matched as whole
 * words in any of ru/kk/en; each place once. Empty when no known name appears. Text matching
 * is a guess ("мкр Алтай" in Almaty also names the town of Altai), so a caller with a point
 * should take the first place that agrees with it (server/src/regions/createLocator.ts).
 */
export function placesNamedIn(text: string): NamedPlace[] {
  const phrase = phraseOf(text);
  const found = CANDIDATES.filter((c) => phrase.includes(c.phrase));
  found.sort((a, b) => (isPreferred(a, b) ? -1 : isPreferred(b, a) ? 1 : 0));
  return [...new Set(found.map((c) => c.place))];
}
