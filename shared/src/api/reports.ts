import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../calendar/almatyTime';
import { CATEGORY_CODES, type CategoryCode } from '../domain/categories';
import { CHANNELS } from '../domain/enums';
import { REGION_CODES, type RegionCode } from '../domain/regions';
import type { ReportFigures } from '../reports/reportFigures';

/** Longest period one report covers (days): a little over two years. */
export const MAX_REPORT_DAYS = 800;

const day = (name: string) =>
  z.string().refine(isLocalDate, { message: `${name} must be an Almaty calendar day YYYY-MM-DD` });

/**
 * `GET /api/reports/summary` (docs/api.md "Reports"): Almaty calendar days, `to` inclusive;
 * `asOf` (ISO-8601 instant) freezes the report (docs/reports.md "Frozen reports").
 */
export const reportQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    region: z.enum(REGION_CODES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    channel: z.enum(CHANNELS).optional(),
    service: z.string().min(1).max(200).optional(),
    asOf: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
    if (days > MAX_REPORT_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_REPORT_DAYS} days` });
    }
  });
export type ReportQuery = z.output<typeof reportQuerySchema>;

export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
  /** The moment the cohort figures are taken at (ISO): the same for the same link, later. */
  asOf: string;
}

export interface ReportPart extends ReportPeriod {
  figures: ReportFigures;
}

export interface ReportServiceRow {
  /** The directory's БИН, or the free-text name when the appeals carried none. */
  service: string;
  name: string | null;
  /** Appeals routed to it in the period (first response). */
  responded: number;
  response: { p50: number | null; p90: number | null };
  resolved: number;
  resolutionSlaCompliance: number | null;
  resolutionLegalCompliance: number | null;
  /** Its appeals reopened in the period (a status change to reopened, or a "not confirmed" callback). */
  reopened: number;
  /**
   * Of the period's intake routed to it, still open past the resolution target at asOf (the
   * intake cohort as of asOf, like the outcome figures: a frozen report keeps its number).
   */
  overdueNow: number;
}

export interface ReportDayRow {
  day: LocalDate;
  registered: number;
  resolved: number;
}

/**
 * The rollups a report reads are being recomputed (a history backfill, a rebuild): more of the
 * report's days are dirty than a report recomputes before answering, so its flow figures are
 * the rollups' as they stand (docs/reports.md "While the rollups are recomputed").
 */
export interface ReportRecomputing {
  /** Dirty days among those the report reads (its period, the previous one, the year-ago one). */
  days: number;
}

/** The answer of `GET /api/reports/summary`. */
export interface ReportSummary extends ReportPart {
  /** The filters applied (region narrowed to the caller's scope). */
  filters: { region?: RegionCode; category?: CategoryCode; channel?: string; service?: string };
  /** The regions the figures cover (the caller's scope, or the one asked for). */
  regions: RegionCode[];
  /** Everything in the report is as of this: the link that gives the same numbers later. */
  link: string;
  /** Non-null while the rollups are being recomputed: the figures are not final, not to be frozen. */
  recomputing: ReportRecomputing | null;
  /** The same number of days just before `from` (asOf shifted by as much). */
  previous: ReportPart;
  /** The same days a year earlier (asOf a year earlier). */
  yearAgo: ReportPart;
  byRegion: Array<{ region: RegionCode; figures: ReportFigures }>;
  byCategory: Array<{ category: CategoryCode; figures: ReportFigures }>;
  byService: ReportServiceRow[];
  /** Intake and resolutions per day (the calendar heat map). */
  byDay: ReportDayRow[];
}
