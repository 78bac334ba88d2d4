import { z } from 'zod';
import { isLocalDate, isWeekend, yearOf } from './almatyTime';

/**
 * One year of Kazakhstan's working-day calendar, as data. The built-in years live in
 * `calendarData.ts`; an administrator adds or corrects a year later through a stream
 * event, so this schema is the boundary: every replica that applies the same events
 * holds the same years and computes the same deadlines.
 */

const localDateSchema = z.string().refine(isLocalDate, { error: 'expected a real date written YYYY-MM-DD' });

const nameSchema = z.string().trim().min(1).max(120);

/** A public holiday (a day off by law) on one date. */
export const holidaySchema = z.object({
  /** The holiday's date in this year. */
  date: localDateSchema,
  /** Stable code, shared by the days of a multi-day holiday (`nauryz` × 3). */
  code: z.string().regex(/^[a-z][a-z_]{1,39}$/),
  /** The holiday's name in the three UI languages. */
  names: z.object({ ru: nameSchema, kk: nameSchema, en: nameSchema }),
  /**
   * Whether a holiday on a Saturday or Sunday moves the day off to the next working day.
   * The law moves every holiday except the two religious ones (Orthodox Christmas and
   * the first day of Kurban ait): `false` for those.
   */
  movesOffWeekend: z.boolean(),
});

/** A day moved by the yearly act (a government resolution until 2023, a labour ministry order in 2024–2025). */
export const dayTransferSchema = z.object({
  /** The date whose status changes. */
  date: localDateSchema,
  /** `day_off`: a weekday becomes a day off; `working`: a Saturday or Sunday is worked. */
  kind: z.enum(['day_off', 'working']),
});

const RELIGIOUS_CODES = new Set(['kurban_ait', 'orthodox_christmas']);

/** One calendar year; see the file comment. */
export const calendarYearSchema = z
  .object({
    /** The year all dates below belong to. */
    year: z.number().int().min(1996).max(2100),
    /** The year's public holidays, Kurban ait included (code `kurban_ait`). */
    holidays: z.array(holidaySchema).max(40),
    /** The transfers of that year's resolutions or orders; not the weekend moves the law makes. */
    transfers: z.array(dayTransferSchema).max(20),
    /**
     * Whether the holidays (Kurban ait's date above all) and the list of transfers were
     * checked against official sources. A deadline that touches a year with either `false`
     * is `provisional`.
     */
    verified: z.object({ holidays: z.boolean(), transfers: z.boolean() }),
    /** Where the data comes from, for the reader who wants to check it. */
    source: z.string().trim().min(1).max(2000),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    // Zod runs this refinement even when a field failed its own check; a malformed date
    // already has its issue, so it is left out here rather than crash the date helpers.
    const check = (date: string, path: (string | number)[], what: string) => {
      if (!isLocalDate(date)) return false;
      if (yearOf(date) !== value.year) {
        ctx.addIssue({ code: 'custom', path, message: `${what} ${date} is outside ${value.year}` });
      }
      if (seen.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} is listed twice` });
      seen.add(date);
      return true;
    };
    value.holidays.forEach((h, i) => check(h.date, ['holidays', i, 'date'], 'holiday'));
    value.transfers.forEach((t, i) => {
      if (!check(t.date, ['transfers', i, 'date'], 'transfer')) return;
      // A transfer that would not change the day's status is a typo for another date.
      if (t.kind === 'working' && !isWeekend(t.date)) {
        ctx.addIssue({ code: 'custom', path: ['transfers', i], message: `${t.date} is a weekday already` });
      }
      if (t.kind === 'day_off' && isWeekend(t.date)) {
        ctx.addIssue({ code: 'custom', path: ['transfers', i], message: `${t.date} is a weekend day already` });
      }
    });
    value.holidays.forEach((h, i) => {
      // The law's exception is for these two only; an event moving them would shift deadlines.
      if (RELIGIOUS_CODES.has(h.code) && h.movesOffWeekend) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${h.code} does not move off a weekend` });
      }
    });
    const kurbanAit = value.holidays.filter((h) => h.code === 'kurban_ait').length;
    if (kurbanAit !== 1) {
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: `expected one kurban_ait day, got ${kurbanAit}` });
    }
  });

/** A validated calendar year. */
export type CalendarYear = z.infer<typeof calendarYearSchema>;
/** A public holiday of a calendar year. */
export type Holiday = z.infer<typeof holidaySchema>;
/** A transferred day of a calendar year. */
export type DayTransfer = z.infer<typeof dayTransferSchema>;
