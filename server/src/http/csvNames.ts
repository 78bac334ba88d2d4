import { almatyOffsetMinutes, CATEGORIES, REGIONS } from '@shared';

/**
 * The words of the readable CSV (docs/api.md "Lists and CSV"): the names of the closed
 * vocabularies in ru/kk/en, as the screens print them (the client's i18n tables; a unit test
 * keeps the two equal), and instants as Almaty wall-clock time. A code added to the contract
 * after this build stays as its code rather than an empty cell.
 */

export type CsvLanguage = 'ru' | 'kk' | 'en';

type Names = Record<string, readonly [en: string, ru: string, kk: string]>;

const STATUS: Names = {
  registered: ['registered', 'зарегистрировано', 'тіркелді'],
  assigned: ['routed to service', 'направлено исполнителю', 'орындаушыға жіберілді'],
  in_progress: ['in progress', 'в работе', 'жұмыста'],
  resolved: ['resolved', 'исполнено', 'орындалды'],
  closed: ['closed', 'закрыто', 'жабылды'],
  rejected: ['rejected', 'отказано', 'бас тартылды'],
  reopened: ['reopened', 'возобновлено', 'қайта ашылды'],
  redirected: ['redirected', 'перенаправлено', 'қайта бағытталды'],
};

const PRIORITY: Names = {
  low: ['low', 'низкий', 'төмен'],
  normal: ['normal', 'обычный', 'қалыпты'],
  high: ['high', 'высокий', 'жоғары'],
  emergency: ['emergency', 'аварийный', 'апаттық'],
};

const SEVERITY: Names = {
  minor: ['minor', 'незначительный', 'елеусіз'],
  major: ['major', 'серьёзный', 'елеулі'],
  critical: ['critical', 'критический', 'сыни'],
};

const CHANNEL: Names = {
  call: ['phone 109', 'звонок 109', '109 қоңырауы'],
  app: ['mobile app', 'мобильное приложение', 'мобильді қосымша'],
  telegram: ['Telegram bot', 'Telegram-бот', 'Telegram-бот'],
  web: ['website', 'сайт', 'сайт'],
  social: ['social media', 'соцсети', 'әлеуметтік желілер'],
  walk_in: ['walk-in', 'личный приём', 'жеке қабылдау'],
};

const OUTCOME: Names = {
  satisfied: ['satisfied', 'удовлетворено', 'қанағаттандырылды'],
  partly: ['partly satisfied', 'частично удовлетворено', 'ішінара қанағаттандырылды'],
  refused: ['refused', 'отказано', 'бас тартылды'],
  explained: ['explained', 'разъяснено', 'түсіндірілді'],
  unknown: ['not given by the source', 'не указан источником', 'дереккөз көрсетпеген'],
};

const CONFIRMATION: Names = {
  awaiting: ['awaiting callback', 'ждёт обратного звонка', 'кері қоңырауды күтуде'],
  confirmed: ['confirmed by the citizen', 'подтверждено заявителем', 'өтініш беруші растады'],
  not_confirmed: ['not confirmed', 'не подтверждено', 'расталмады'],
  unreachable: ['unreachable', 'не дозвонились', 'хабарласу мүмкін болмады'],
  expired: ['confirmation window over', 'окно подтверждения истекло', 'растау мерзімі өтті'],
};

const INCIDENT_STATUS: Names = {
  open: ['open', 'открыт', 'ашық'],
  resolved: ['resolved', 'устранён', 'шешілді'],
};

const LANGUAGE_INDEX: Record<CsvLanguage, 0 | 1 | 2> = { en: 0, ru: 1, kk: 2 };

const fromShared = (items: readonly { code: string; name: Record<CsvLanguage, string> }[]): Names =>
  Object.fromEntries(items.map((item) => [item.code, [item.name.en, item.name.ru, item.name.kk] as const]));

export const CSV_VOCABULARIES = {
  status: STATUS,
  priority: PRIORITY,
  severity: SEVERITY,
  channel: CHANNEL,
  outcome: OUTCOME,
  confirmation: CONFIRMATION,
  incidentStatus: INCIDENT_STATUS,
  region: fromShared(REGIONS),
  category: fromShared(CATEGORIES),
} as const;

export type CsvVocabulary = keyof typeof CSV_VOCABULARIES;

/** Name of `code` in `lang`; without a language (the `codes` form) the code itself. */
export function csvName(vocabulary: CsvVocabulary, code: string, lang: CsvLanguage | undefined): string {
  if (lang === undefined || code === '') return code;
  return CSV_VOCABULARIES[vocabulary][code]?.[LANGUAGE_INDEX[lang]] ?? code;
}

const MINUTE_MS = 60_000;

/**
 * Epoch ms as Almaty wall-clock time, `2026-11-27 10:15` (no seconds, no offset: what a
 * spreadsheet reads as a date and time and what the screens show); '' for null.
 */
export function almatyDateTime(ms: number | null): string {
  if (ms === null) return '';
  return new Date(ms + almatyOffsetMinutes(ms) * MINUTE_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `20261127T1015`: the export's instant in Almaty time, for the file name. */
export function almatyFileStamp(ms: number): string {
  return almatyDateTime(ms).replace(/[-:]/g, '').replace(' ', 'T');
}

/**
 * The language of an export: `?lang=` when given, else the first of ru/kk/en in
 * Accept-Language, else Russian.
 */
export function csvLanguageOf(lang: unknown, acceptLanguage: string | undefined): CsvLanguage | null {
  if (lang !== undefined) return lang === 'ru' || lang === 'kk' || lang === 'en' ? lang : null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ru' || tag === 'kk' || tag === 'en') return tag;
  }
  return 'ru';
}
