import type { LocalizedName } from '../domain/regions';
import type { CalendarYear, DayTransfer, Holiday } from './calendarYear';

/**
 * The law's fixed-date holidays (Law of 13 December 2001 No. 267-II "On holidays in the
 * Republic of Kazakhstan", art. 1–3, as amended), by the years each was a day off. Used
 * to build the built-in years and, for a year missing from the calendar, the provisional
 * rule-based year (no Kurban ait: its date is set each year; no transfers).
 *
 * The 2022 changes are certain (25 October back as Republic Day, 1 December abolished,
 * 17 December no longer a day off); the first years of the older entries are as best
 * known and only matter for provisional historic results.
 */
interface FixedHoliday {
  code: string;
  /** `MM-DD` of each day. */
  days: readonly string[];
  names: LocalizedName;
  movesOffWeekend: boolean;
  from?: number;
  until?: number;
}

const FIXED: readonly FixedHoliday[] = [
  {
    code: 'new_year',
    days: ['01-01', '01-02'],
    names: { ru: 'Новый год', kk: 'Жаңа жыл', en: 'New Year' },
    movesOffWeekend: true,
  },
  {
    code: 'orthodox_christmas',
    days: ['01-07'],
    names: { ru: 'Православное Рождество', kk: 'Православиелік Рождество', en: 'Orthodox Christmas' },
    movesOffWeekend: false,
    from: 2006,
  },
  {
    code: 'womens_day',
    days: ['03-08'],
    names: { ru: 'Международный женский день', kk: 'Халықаралық әйелдер күні', en: "International Women's Day" },
    movesOffWeekend: true,
  },
  {
    code: 'nauryz',
    days: ['03-22'],
    names: { ru: 'Наурыз мейрамы', kk: 'Наурыз мейрамы', en: 'Nauryz' },
    movesOffWeekend: true,
    until: 2009,
  },
  {
    code: 'nauryz',
    days: ['03-21', '03-22', '03-23'],
    names: { ru: 'Наурыз мейрамы', kk: 'Наурыз мейрамы', en: 'Nauryz' },
    movesOffWeekend: true,
    from: 2010,
  },
  {
    code: 'unity_day',
    days: ['05-01'],
    names: {
      ru: 'Праздник единства народа Казахстана',
      kk: 'Қазақстан халқының бірлігі мерекесі',
      en: 'Day of Unity of the People of Kazakhstan',
    },
    movesOffWeekend: true,
  },
  {
    code: 'defenders_day',
    days: ['05-07'],
    names: { ru: 'День защитника Отечества', kk: 'Отан қорғаушы күні', en: 'Defender of the Fatherland Day' },
    movesOffWeekend: true,
    from: 2013,
  },
  {
    code: 'victory_day',
    days: ['05-09'],
    names: { ru: 'День Победы', kk: 'Жеңіс күні', en: 'Victory Day' },
    movesOffWeekend: true,
  },
  {
    code: 'capital_day',
    days: ['07-06'],
    names: { ru: 'День Столицы', kk: 'Астана күні', en: 'Capital Day' },
    movesOffWeekend: true,
    from: 2009,
  },
  {
    code: 'constitution_day',
    days: ['08-30'],
    names: {
      ru: 'День Конституции Республики Казахстан',
      kk: 'Қазақстан Республикасының Конституциясы күні',
      en: 'Constitution Day',
    },
    movesOffWeekend: true,
  },
  {
    code: 'republic_day',
    days: ['10-25'],
    names: { ru: 'День Республики', kk: 'Республика күні', en: 'Republic Day' },
    movesOffWeekend: true,
    until: 2008,
  },
  {
    code: 'republic_day',
    days: ['10-25'],
    names: { ru: 'День Республики', kk: 'Республика күні', en: 'Republic Day' },
    movesOffWeekend: true,
    from: 2022,
  },
  {
    code: 'first_president_day',
    days: ['12-01'],
    names: {
      ru: 'День Первого Президента Республики Казахстан',
      kk: 'Қазақстан Республикасының Тұңғыш Президенті күні',
      en: "First President's Day",
    },
    movesOffWeekend: true,
    from: 2012,
    until: 2021,
  },
  {
    code: 'independence_day',
    days: ['12-16', '12-17'],
    names: { ru: 'День Независимости', kk: 'Тәуелсіздік күні', en: 'Independence Day' },
    movesOffWeekend: true,
    until: 2021,
  },
  {
    code: 'independence_day',
    days: ['12-16'],
    names: { ru: 'День Независимости', kk: 'Тәуелсіздік күні', en: 'Independence Day' },
    movesOffWeekend: true,
    from: 2022,
  },
];

/** Names of the first day of Kurban ait, the one of its days that is a day off. */
export const KURBAN_AIT_NAMES: LocalizedName = {
  ru: 'Курбан айт (первый день)',
  kk: 'Құрбан айт (бірінші күні)',
  en: 'Kurban Ait (first day)',
};

/** The fixed-date holidays of `year` under the rules of that year, in date order. */
export function fixedHolidays(year: number): Holiday[] {
  return FIXED.filter((h) => (h.from ?? 0) <= year && year <= (h.until ?? Number.POSITIVE_INFINITY))
    .flatMap((h) =>
      h.days.map((day) => ({
        date: `${year}-${day}`,
        code: h.code,
        names: { ...h.names },
        movesOffWeekend: h.movesOffWeekend,
      })),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** What a built-in or administrator-made year needs besides the law's fixed dates. */
export interface CalendarYearInput {
  year: number;
  /** The first day of Kurban ait, `YYYY-MM-DD`. */
  kurbanAit: string;
  transfers: DayTransfer[];
  verified: CalendarYear['verified'];
  source: string;
}

/**
 * A full calendar year from the fixed-date rules plus the year's own Kurban ait and
 * transfers. The result is plain data (names included), so it travels as it is.
 */
export function defineCalendarYear(input: CalendarYearInput): CalendarYear {
  const kurbanAit: Holiday = {
    date: input.kurbanAit,
    code: 'kurban_ait',
    names: { ...KURBAN_AIT_NAMES },
    movesOffWeekend: false,
  };
  return {
    year: input.year,
    holidays: [...fixedHolidays(input.year), kurbanAit].sort((a, b) => a.date.localeCompare(b.date)),
    transfers: input.transfers.map((t) => ({ ...t })),
    verified: { ...input.verified },
    source: input.source,
  };
}
