import type { LocalizedName } from './regions';
import type { Priority } from './enums';

/** Stable category codes of the stream contract. More may be added; none is renamed. */
export const CATEGORY_CODES = [
  'heating',
  'water_sewer',
  'electricity',
  'gas',
  'lifts',
  'lighting',
  'roads',
  'winter_upkeep',
  'flooding',
  'waste',
  'landscaping',
  'animals_pests',
  'public_transport',
  'housing',
  'public_order',
  'consultation',
  'healthcare',
  'education',
  'social_support',
  'utility_billing',
  'corruption',
] as const;

export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** Operational SLA targets in minutes, by priority. */
export type SlaByPriority = Record<Priority, number>;

export interface Category {
  code: CategoryCode;
  name: LocalizedName;
  /** Target for the first response (routing to a service). */
  responseSla: SlaByPriority;
  /** Target for resolution; an appeal still open past it is overdue. */
  resolutionSla: SlaByPriority;
}

/**
 * Multipliers applied to a category's `normal` targets. Emergencies must be picked up
 * within a quarter of the normal response time and fixed within a sixth; low-priority
 * appeals get twice / three times as long. Chosen so that no target is shorter than 5 min.
 */
const RESPONSE_FACTOR: SlaByPriority = { emergency: 0.25, high: 0.5, normal: 1, low: 2 };
const RESOLUTION_FACTOR: SlaByPriority = { emergency: 1 / 6, high: 0.5, normal: 1, low: 3 };

function scale(normal: number, factor: SlaByPriority): SlaByPriority {
  const at = (p: Priority): number => Math.max(5, Math.round(normal * factor[p]));
  return { low: at('low'), normal: at('normal'), high: at('high'), emergency: at('emergency') };
}

type Row = [CategoryCode, string, string, string, number, number];

// code, en, ru, kk (glossary.md), normal response minutes, normal resolution minutes
const ROWS: readonly Row[] = [
  ['heating', 'heating and hot water', 'теплоснабжение и горячая вода', 'жылумен жабдықтау және ыстық су', 60, 1440],
  ['water_sewer', 'water and sewer', 'водоснабжение и канализация', 'сумен жабдықтау және кәріз', 60, 1440],
  ['electricity', 'electricity', 'электроснабжение', 'электрмен жабдықтау', 60, 720],
  ['gas', 'gas', 'газоснабжение', 'газбен жабдықтау', 20, 240],
  ['lifts', 'lifts', 'лифты', 'лифтілер', 60, 1440],
  ['lighting', 'street lighting', 'уличное освещение', 'көше жарығы', 120, 4320],
  ['roads', 'roads and sidewalks', 'дороги и тротуары', 'жолдар мен жаяу жүргінші жолдары', 120, 10080],
  ['winter_upkeep', 'snow and ice clearing', 'уборка снега и наледи', 'қар мен көктайғақты тазалау', 60, 1440],
  ['flooding', 'flooding and storm water', 'подтопления и ливнёвка', 'су басу және нөсер кәрізі', 60, 720],
  ['waste', 'waste collection', 'вывоз мусора', 'қоқыс шығару', 120, 1440],
  [
    'landscaping',
    'landscaping and greenery',
    'благоустройство и озеленение',
    'абаттандыру және көгалдандыру',
    240,
    14400,
  ],
  ['animals_pests', 'animals and pests', 'животные и вредители', 'жануарлар мен зиянкестер', 120, 4320],
  ['public_transport', 'public transport', 'общественный транспорт', 'қоғамдық көлік', 120, 4320],
  [
    'housing',
    'housing management (OSI/KSK)',
    'управление жильём (ОСИ/КСК)',
    'тұрғын үйді басқару (МИБ/ПИК)',
    120,
    7200,
  ],
  ['public_order', 'public order and noise', 'общественный порядок и шум', 'қоғамдық тәртіп және шу', 30, 240],
  ['consultation', 'consultation', 'консультация', 'кеңес беру', 20, 60],
  // Added with the law's clock (glossary.md): healthcare was iKOMEK Astana's largest category
  // in 2024. Resolution targets are operational; the legal 15 working days is the outer limit.
  ['healthcare', 'healthcare', 'здравоохранение', 'денсаулық сақтау', 60, 4320],
  ['education', 'education', 'образование', 'білім беру', 120, 7200],
  ['social_support', 'social support', 'социальная поддержка', 'әлеуметтік қолдау', 120, 7200],
  [
    'utility_billing',
    'utility bills (single payment document)',
    'коммунальные платежи (ЕПД)',
    'коммуналдық төлемдер (БТҚ)',
    120,
    4320,
  ],
  ['corruption', 'everyday corruption', 'бытовая коррупция', 'тұрмыстық сыбайлас жемқорлық', 60, 7200],
];

/** All categories with names and default SLA targets, in contract order. */
export const CATEGORIES: readonly Category[] = ROWS.map(([code, en, ru, kk, response, resolution]) => ({
  code,
  name: { en, ru, kk },
  responseSla: scale(response, RESPONSE_FACTOR),
  resolutionSla: scale(resolution, RESOLUTION_FACTOR),
}));

const BY_CODE = new Map<string, Category>(CATEGORIES.map((c) => [c.code, c]));

/** True when `code` is a known category code. */
export function isCategoryCode(code: string): code is CategoryCode {
  return BY_CODE.has(code);
}

/** The category with this code; throws on an unknown code (validate first). */
export function getCategory(code: CategoryCode): Category {
  const category = BY_CODE.get(code);
  if (!category) throw new Error(`unknown category ${code}`);
  return category;
}
