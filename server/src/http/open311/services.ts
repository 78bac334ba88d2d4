import { CATEGORIES, type Category, type CategoryCode, type LocalizedName } from '@shared';

/** Languages of names in Open311 answers (`?lang=`), Russian by default as on 109 itself. */
export const OPEN311_LANGS = ['ru', 'kk', 'en'] as const;
export type Open311Lang = (typeof OPEN311_LANGS)[number];
export const DEFAULT_OPEN311_LANG: Open311Lang = 'ru';

/** A GeoReport v2 service: one of our categories. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** Always false: a request needs no attributes beyond the standard fields. */
  metadata: false;
  type: 'realtime';
  /** The name in the other two languages, comma separated, so a search in either finds it. */
  keywords: string;
  group: string;
}

const GROUP_NAMES = {
  utilities: { ru: 'Коммунальные услуги', kk: 'Коммуналдық қызметтер', en: 'Utilities' },
  roads_transport: { ru: 'Дороги и транспорт', kk: 'Жолдар және көлік', en: 'Roads and transport' },
  city_environment: { ru: 'Городская среда', kk: 'Қалалық орта', en: 'City environment' },
  housing_order: { ru: 'Жильё и порядок', kk: 'Тұрғын үй және тәртіп', en: 'Housing and public order' },
  information: { ru: 'Справки и консультации', kk: 'Анықтама және кеңес беру', en: 'Information' },
  social: { ru: 'Социальная сфера', kk: 'Әлеуметтік сала', en: 'Social services' },
  integrity: { ru: 'Противодействие коррупции', kk: 'Сыбайлас жемқорлыққа қарсы іс-қимыл', en: 'Anti-corruption' },
} as const satisfies Record<string, LocalizedName>;

type Group = keyof typeof GROUP_NAMES;

/**
 * How services are grouped for a citizen choosing one: networks that come into the home,
 * getting around, the shared outdoor space, the building and the neighbours, questions.
 * The record is total: a category added to the contract does not compile until it is placed.
 */
const GROUP_OF: Record<CategoryCode, Group> = {
  heating: 'utilities',
  water_sewer: 'utilities',
  electricity: 'utilities',
  gas: 'utilities',
  roads: 'roads_transport',
  winter_upkeep: 'roads_transport',
  public_transport: 'roads_transport',
  lighting: 'city_environment',
  flooding: 'city_environment',
  waste: 'city_environment',
  landscaping: 'city_environment',
  animals_pests: 'city_environment',
  lifts: 'housing_order',
  housing: 'housing_order',
  public_order: 'housing_order',
  consultation: 'information',
  healthcare: 'social',
  education: 'social',
  social_support: 'social',
  utility_billing: 'utilities',
  corruption: 'integrity',
};

const TARGET_LABEL: LocalizedName = {
  ru: 'Нормативный срок исполнения',
  kk: 'Орындау мерзімі',
  en: 'Target resolution time',
};
const UNITS: Record<'min' | 'h' | 'd', LocalizedName> = {
  min: { ru: 'мин', kk: 'мин', en: 'min' },
  h: { ru: 'ч', kk: 'сағ', en: 'h' },
  d: { ru: 'сут.', kk: 'тәул.', en: 'days' },
};

/** 90 → "90 мин", 1440 → "24 ч", 10080 → "7 сут.": the largest unit that divides evenly. */
function formatMinutes(minutes: number, lang: Open311Lang): string {
  if (minutes % 1440 === 0 && minutes > 1440) return `${minutes / 1440} ${UNITS.d[lang]}`;
  if (minutes % 60 === 0) return `${minutes / 60} ${UNITS.h[lang]}`;
  return `${minutes} ${UNITS.min[lang]}`;
}

const capitalize = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The name of a category in `lang`, capitalised as a list entry ("Уличное освещение"). */
export function serviceNameOf(category: Category, lang: Open311Lang): string {
  return capitalize(category.name[lang]);
}

/** One category as a GeoReport service in `lang`; the target quoted is the one Open311 requests get (normal priority). */
export function presentService(category: Category, lang: Open311Lang): Open311Service {
  const name = serviceNameOf(category, lang);
  return {
    service_code: category.code,
    service_name: name,
    description: `${name}. ${TARGET_LABEL[lang]}: ${formatMinutes(category.resolutionSla.normal, lang)}.`,
    metadata: false,
    type: 'realtime',
    keywords: OPEN311_LANGS.filter((other) => other !== lang)
      .map((other) => category.name[other])
      .join(','),
    group: GROUP_NAMES[GROUP_OF[category.code]][lang],
  };
}

/** Every category as a service, in contract order. */
export function presentServices(lang: Open311Lang): Open311Service[] {
  return CATEGORIES.map((category) => presentService(category, lang));
}
