import { INTL_LOCALES, type Language } from './languages';

/** Shown where a value is unknown (no data yet, no responses in the window). */
export const NO_VALUE = '—';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Zone names tried for Kazakhstan wall clocks, best first. */
const KZ_ZONE = 'Asia/Almaty';
/** Fixed UTC+5 (POSIX sign: "GMT-5" is five hours *ahead* of UTC). */
const KZ_FIXED_ZONE = 'Etc/GMT-5';
/** An instant after 1 March 2024, when Kazakhstan moved to a single UTC+5 zone. */
const AFTER_2024_CHANGE = Date.UTC(2025, 0, 15, 12);

/** Reads the UTC offset a zone has at an instant, e.g. "GMT+05:00". */
export type OffsetProbe = (timeZone: string, at: number) => string | undefined;

const intlProbe: OffsetProbe = (timeZone, at) =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;

/**
 * `Asia/Almaty`, unless this browser's time-zone data predates tzdata 2024a and still
 * puts it at UTC+6; then a fixed UTC+5 zone, so the wall agrees with the server's
 * "today" (shared/projection/metrics.ts, KZ_UTC_OFFSET_MS).
 */
export function resolveKzTimeZone(probe: OffsetProbe = intlProbe): string {
  try {
    return probe(KZ_ZONE, AFTER_2024_CHANGE) === 'GMT+05:00' ? KZ_ZONE : KZ_FIXED_ZONE;
  } catch {
    return KZ_FIXED_ZONE;
  }
}

/** Locale-aware formatters for one UI language. Dates are shown in Kazakhstan time. */
export interface Formatters {
  /** 24-hour wall-clock time, e.g. "14:05:09". */
  time(epochMs: number): string;
  /** ISO-8601 string for `<time dateTime>`. */
  isoInstant(epochMs: number): string;
  /** Whole count with locale grouping, e.g. "12 345". */
  count(value: number): string;
  /** A number with at most one decimal, e.g. "4,5" ("4.5" in English). */
  decimal(value: number): string;
  /** A share (0–1) as a whole percentage, e.g. "12 %" ("12%" in English). */
  percent(share: number): string;
  /**
   * Duration as people say it: "45 с", "4,5 мин", "12 мин", "1 ч 06 мин", "2 дня 5 ч",
   * "10 дней" (formatDuration); "—" for null.
   */
  duration(ms: number | null): string;
  /** How long ago, e.g. "12 секунд назад"; "—" for null. */
  ago(ms: number | null): string;
  /** Numeric date and 24-hour time, e.g. "27.11.2026, 10:05:09" (no words, so no ICU gaps). */
  dateTime(epochMs: number): string;
  /**
   * How long until, rounded up so nobody is told to come back too early: "через 15 минут",
   * "15 минуттан кейін", "in 15 minutes".
   */
  inFuture(ms: number): string;
}

function createFormatters(language: Language, timeZone: string): Formatters {
  const locale = INTL_LOCALES[language];
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  // Browsers with reduced ICU data (Debian's Chromium among them) have no Kazakh unit or
  // relative-time words and print "-5 s". Kazakh numbers follow the same conventions as
  // Russian ones (space groups, decimal comma), so kk takes its numbers from ru and its
  // unit words from KK_UNITS, never from the browser.
  const numberLocale = language === 'kk' ? INTL_LOCALES.ru : locale;
  const countFormat = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 0 });
  const decimal = (digits: number) => new Intl.NumberFormat(numberLocale, { maximumFractionDigits: digits });
  const oneDecimal = decimal(1);
  const percentFormat = new Intl.NumberFormat(numberLocale, { style: 'percent', maximumFractionDigits: 0 });
  const unit = (u: 'second' | 'minute' | 'hour', digits: number): ((value: number) => string) => {
    if (language === 'kk') {
      const format = decimal(digits);
      return (value) => `${format.format(value)} ${KK_UNITS[u].short}`;
    }
    const format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    });
    return (value) => format.format(value);
  };
  const seconds = unit('second', 0);
  const minutesFine = unit('minute', 1);
  const minutes = unit('minute', 0);
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  const relative = (value: number, u: 'second' | 'minute' | 'hour'): string =>
    language === 'kk' ? `${countFormat.format(value)} ${KK_UNITS[u].long} бұрын` : relativeFormat.format(-value, u);
  const ahead = (value: number, u: 'second' | 'minute' | 'hour'): string =>
    language === 'kk' ? `${countFormat.format(value)} ${KK_UNITS[u].after}` : relativeFormat.format(value, u);
  // Digits and separators only; kk takes the Russian pattern (dd.mm.yyyy), as for numbers.
  const dateTimeFormat = new Intl.DateTimeFormat(numberLocale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

  return {
    time: (epochMs) => timeFormat.format(epochMs),
    isoInstant: (epochMs) => new Date(epochMs).toISOString(),
    count: (value) => countFormat.format(value),
    decimal: (value) => oneDecimal.format(value),
    percent: (share) => percentFormat.format(share),
    duration: (ms) => {
      if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
      const value = Math.max(0, ms);
      if (value < MINUTE) return seconds(Math.round(value / SECOND));
      // Below ten minutes a tenth matters (4.5 min vs 5 min); above it, it is noise.
      if (value < 10 * MINUTE) return minutesFine(Math.round((value / MINUTE) * 10) / 10);
      // Rounding to whole minutes first avoids "60 min" for 59.6 minutes.
      const wholeMinutes = Math.round(value / MINUTE);
      if (wholeMinutes < 60) return minutes(wholeMinutes);
      return longDuration(wholeMinutes * MINUTE, language, countFormat);
    },
    ago: (ms) => {
      if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
      const value = Math.max(0, ms);
      if (value < MINUTE) return relative(Math.floor(value / SECOND), 'second');
      if (value < HOUR) return relative(Math.floor(value / MINUTE), 'minute');
      return relative(Math.floor(value / HOUR), 'hour');
    },
    dateTime: (epochMs) => (Number.isFinite(epochMs) ? dateTimeFormat.format(epochMs) : NO_VALUE),
    inFuture: (ms) => {
      const value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
      const seconds = Math.max(1, Math.ceil(value / SECOND));
      if (seconds < 60) return ahead(seconds, 'second');
      const minutes = Math.ceil(value / MINUTE);
      if (minutes < 60) return ahead(minutes, 'minute');
      const hours = Math.ceil(value / HOUR);
      // From two days on people count days: "через 10 дней", not "через 240 часов".
      if (hours < 48) return ahead(hours, 'hour');
      const days = Math.ceil(value / DAY);
      return language === 'kk' ? `${countFormat.format(days)} күннен кейін` : relativeFormat.format(days, 'day');
    },
  };
}

/**
 * Kazakh unit words (a noun after a numeral stays singular in Kazakh). `after` is the
 * ablative + кейін ("in …"): -тан after the final т/д of these three words.
 */
const KK_UNITS = {
  second: { short: 'сек', long: 'секунд', after: 'секундтан кейін' },
  minute: { short: 'мин', long: 'минут', after: 'минуттан кейін' },
  hour: { short: 'сағ', long: 'сағат', after: 'сағаттан кейін' },
} as const;

/** Short unit words of a duration of an hour or more (no plural forms in any of the three). */
const SHORT_UNITS: Record<Language, { hour: string; minute: string }> = {
  ru: { hour: 'ч', minute: 'мин' },
  kk: { hour: 'сағ', minute: 'мин' },
  en: { hour: 'h', minute: 'min' },
};

/**
 * "день/дня/дней", "day/days", "күн" by the language's plural rule (Intl.PluralRules: ru has
 * one/few/many, en one/other; a Kazakh noun after a numeral stays singular).
 */
const DAY_WORDS: Record<Language, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  ru: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
  kk: { other: 'күн' },
  en: { one: 'day', other: 'days' },
};

const pluralRules = new Map<Language, Intl.PluralRules>();

/** "1 день", "2 дня", "5 дней", "21 день"; "1 day", "2 days"; "5 күн". */
export function dayCount(days: number, language: Language, count: Intl.NumberFormat): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(INTL_LOCALES[language]);
    pluralRules.set(language, rules);
  }
  const words = DAY_WORDS[language];
  return `${count.format(days)}\u00a0${words[rules.select(days)] ?? words.other}`;
}

/**
 * An hour or more, in whole minutes, as people say it: "1 ч 06 мин", "3 ч", then days with
 * the hours while they still matter ("2 дня 5 ч", below ten days) and days alone after
 * ("10 дней", "21 день").
 */
function longDuration(ms: number, language: Language, count: Intl.NumberFormat): string {
  const units = SHORT_UNITS[language];
  const totalMinutes = Math.round(ms / MINUTE);
  if (totalMinutes < 24 * 60) {
    const h = Math.floor(totalMinutes / 60);
    const m = totalMinutes % 60;
    const hours = `${h}\u00a0${units.hour}`;
    return m === 0 ? hours : `${hours} ${String(m).padStart(2, '0')}\u00a0${units.minute}`;
  }
  const totalHours = Math.round(totalMinutes / 60);
  const days = Math.floor(totalHours / 24);
  const h = totalHours % 24;
  return h === 0 || days >= 10
    ? dayCount(Math.round(totalHours / 24), language, count)
    : `${dayCount(days, language, count)} ${h}\u00a0${units.hour}`;
}

/** `Formatters.duration` without a component: a duration in `language` as people say it. */
export function formatDuration(ms: number | null, language: Language): string {
  return getFormatters(language).duration(ms);
}

const cache = new Map<Language, Formatters>();
let kzTimeZone: string | null = null;

/** Cached formatters for a language (Intl objects are costly to build on every render). */
export function getFormatters(language: Language): Formatters {
  let formatters = cache.get(language);
  if (!formatters) {
    kzTimeZone ??= resolveKzTimeZone();
    formatters = createFormatters(language, kzTimeZone);
    cache.set(language, formatters);
  }
  return formatters;
}
