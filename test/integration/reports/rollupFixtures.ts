import {
  addCohort,
  addFlows,
  createCohortCounts,
  createFlowCounts,
  reportAddDays,
  reportDayStart,
  reportFigures,
  type ReportAppeal,
} from '@shared';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { REPORT_COLUMNS, rowToReportAppeal, type AppealFilter } from '../../../server/src/reports/reportRows';

/** The report rollups' test data and naive reference (rollups.test.ts, rollupGrains.test.ts). */

const MINUTE = 60_000;
export const DAY = 86_400_000;
export const WINDOW_MS = 14 * DAY;
export const REGIONS = ['KZ-71', 'KZ-75', 'KZ-79'] as const;
export const CATEGORIES = ['heating', 'water_sewer', 'roads'] as const;
export const CHANNELS = ['call', 'app'] as const;
/** Around the leap day 2024 and Almaty's move from UTC+6 to UTC+5 (1 March 2024). */
export const ORIGIN = Date.parse('2024-02-24T00:00:00Z');
export const SPAN_DAYS = 12;
/** A quarter of the appeals anywhere from 25 January to 30 April 2024: whole months for the month grain. */
export const WIDE_FROM = Date.parse('2024-01-25T00:00:00Z');
export const WIDE_TO = Date.parse('2024-04-30T00:00:00Z');
/** The recompute's clock in these tests: every generated day within the hour horizon. */
export const ROLLUP_NOW = Date.parse('2024-03-15T00:00:00Z');

/** A seeded generator (mulberry32): the same appeals every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Row {
  id: string;
  region: string;
  category: string;
  channel: string;
  priority: string;
  status: string;
  service: string | null;
  registered: number;
  responded: number | null;
  resolved: number | null;
  closed: number | null;
  responseDue: number;
  due: number;
  legalDue: number;
  feedback: { result: string; rating: number | null; at: number } | null;
  /** appeal_events of this appeal: reopens (a status change, a "not confirmed" callback) and others. */
  events: Array<{ type: string; data: Record<string, unknown>; at: number }>;
}

export function generate(seed: number, count: number): Row[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    // Half the registrations within 40 minutes of an Almaty midnight (19:00 or 18:00 UTC).
    const dayIndex = Math.floor(rnd() * SPAN_DAYS);
    const registered =
      rnd() < 0.25
        ? WIDE_FROM + Math.floor(rnd() * (WIDE_TO - WIDE_FROM))
        : rnd() < 0.5
          ? ORIGIN + dayIndex * DAY + (rnd() < 0.5 ? 18 : 19) * 3_600_000 + Math.floor((rnd() - 0.5) * 80 * MINUTE)
          : ORIGIN + Math.floor(rnd() * SPAN_DAYS * DAY);
    const responded = rnd() < 0.8 ? registered + Math.floor(MINUTE + rnd() * 6 * 3_600_000) : null;
    const resolved = rnd() < 0.6 ? (responded ?? registered) + Math.floor(MINUTE + rnd() * 4 * DAY) : null;
    const fate = rnd();
    const closed = fate < 0.2 ? (resolved ?? registered) + Math.floor(MINUTE + rnd() * DAY) : null;
    const status =
      closed !== null
        ? resolved !== null || rnd() < 0.5
          ? 'closed'
          : 'rejected'
        : resolved !== null
          ? 'resolved'
          : pick(['registered', 'assigned', 'in_progress']);
    const finishedAt = resolved ?? closed;
    const feedback =
      finishedAt !== null && status !== 'rejected' && rnd() < 0.5
        ? {
            result: pick(['confirmed', 'unreachable', 'confirmed']),
            rating: rnd() < 0.7 ? 1 + Math.floor(rnd() * 5) : null,
            at: finishedAt + Math.floor(rnd() * 20 * DAY),
          }
        : null;
    // Reopens (one or two, some by a "not confirmed" callback) and events that are not reopens.
    const events: Row['events'] = [];
    const reopens = rnd() < 0.15 ? 1 + Math.floor(rnd() * 2) : 0;
    for (let r = 0; r < reopens; r += 1) {
      const at = registered + Math.floor(MINUTE + rnd() * 5 * DAY);
      // The resolution this reopen undoes (gone from the row, kept by the events).
      if (rnd() < 0.8) {
        const resolvedAt = registered + Math.floor((at - registered) * rnd());
        events.push({ type: 'appeal.status_changed', data: { status: 'resolved' }, at: resolvedAt });
      }
      events.push(
        rnd() < 0.7
          ? { type: 'appeal.status_changed', data: { status: 'reopened' }, at }
          : { type: 'appeal.feedback', data: { result: 'not_confirmed' }, at },
      );
    }
    if (resolved !== null) events.push({ type: 'appeal.status_changed', data: { status: 'resolved' }, at: resolved });
    if (rnd() < 0.2)
      events.push({ type: 'appeal.status_changed', data: { status: 'in_progress' }, at: registered + MINUTE });
    if (rnd() < 0.1) events.push({ type: 'appeal.feedback', data: { result: 'confirmed' }, at: registered + DAY });
    rows.push({
      id: `a-${seed}-${i}`,
      region: pick(REGIONS),
      category: pick(CATEGORIES),
      channel: pick(CHANNELS),
      priority: pick(['low', 'normal', 'high']),
      status,
      service: responded !== null ? pick(['Su arnasy', 'Astana Su', null]) : null,
      registered,
      responded,
      resolved,
      closed,
      responseDue: registered + 2 * 3_600_000,
      due: registered + DAY,
      legalDue: registered + Math.floor((15 + rnd() * 10) * DAY),
      feedback,
      events,
    });
  }
  return rows;
}

export async function insert(db: ArchiveDb, rows: readonly Row[]): Promise<void> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  await db.query(
    `INSERT INTO appeals (id, region, category, channel, priority, status, service, lat, lng, description,
       registered_at, responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, legal_due_at,
       feedback_result, feedback_rating, feedback_at, updated_at, last_event_id, last_stream_id)
     SELECT r.id, r.region, r.category, r.channel, r.priority, r.status, r.service, 51.1, 71.4, 'test',
       r.registered, r.responded, r.resolved, r.closed, r.response_due, r.due, r.legal_due,
       r.fb_result, r.fb_rating, r.fb_at, r.registered, r.id, '1-0'
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, region text, category text, channel text, priority text,
         status text, service text, registered timestamptz, responded timestamptz, resolved timestamptz,
         closed timestamptz, response_due timestamptz, due timestamptz, legal_due timestamptz, fb_result text,
         fb_rating smallint, fb_at timestamptz)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          region: r.region,
          category: r.category,
          channel: r.channel,
          priority: r.priority,
          status: r.status,
          service: r.service,
          registered: iso(r.registered),
          responded: iso(r.responded),
          resolved: iso(r.resolved),
          closed: iso(r.closed),
          response_due: iso(r.responseDue),
          due: iso(r.due),
          legal_due: iso(r.legalDue),
          fb_result: r.feedback?.result ?? null,
          fb_rating: r.feedback?.rating ?? null,
          fb_at: iso(r.feedback?.at ?? null),
        })),
      ),
    ],
  );
  await insertEvents(db, rows);
}

/** The rows' events into appeal_events, as the archiver stores them (the envelope as payload). */
export async function insertEvents(db: ArchiveDb, rows: readonly Row[]): Promise<void> {
  const events = rows.flatMap((r) =>
    r.events.map((e, i) => ({
      id: `${r.id}-e${i}-${e.at}`,
      appeal: r.id,
      type: e.type,
      at: new Date(e.at).toISOString(),
      payload: {
        v: 1,
        id: `${r.id}-e${i}-${e.at}`,
        type: e.type,
        at: e.at,
        region: r.region,
        data: { appealId: r.id, ...e.data },
      },
    })),
  );
  await db.query(
    `INSERT INTO appeal_events (event_id, appeal_id, type, at, stream_id, payload)
     SELECT r.id, r.appeal, r.type, r.at, '1-0', r.payload
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, appeal text, type text, at timestamptz, payload jsonb)`,
    [JSON.stringify(events)],
  );
}

/** Reopen and resolution instants per appeal id, read back and picked out in JavaScript (the naive way). */
export async function stepsOf(
  db: ArchiveDb,
): Promise<{ reopens: Map<string, number[]>; resolutions: Map<string, number[]> }> {
  const { rows } = await db.query<{
    appeal_id: string;
    type: string;
    at: Date | string;
    payload: { data: Record<string, unknown> };
  }>('SELECT appeal_id, type, at, payload FROM appeal_events');
  const reopens = new Map<string, number[]>();
  const resolutions = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, id: string, at: number): void => {
    map.set(
      id,
      [...(map.get(id) ?? []), at].sort((x, y) => x - y),
    );
  };
  for (const row of rows) {
    const at = new Date(row.at).getTime();
    if (
      (row.type === 'appeal.status_changed' && row.payload.data.status === 'reopened') ||
      (row.type === 'appeal.feedback' && row.payload.data.result === 'not_confirmed')
    ) {
      push(reopens, row.appeal_id, at);
    }
    if (row.type === 'appeal.status_changed' && row.payload.data.status === 'resolved')
      push(resolutions, row.appeal_id, at);
  }
  return { reopens, resolutions };
}

/** Every archived appeal as the shared metrics read it, reopens attached (the naive reference's input). */
export async function allAppeals(db: ArchiveDb): Promise<Array<ReportAppeal & { id: string }>> {
  const { reopens, resolutions } = await stepsOf(db);
  const { rows } = await db.query(`SELECT id, ${REPORT_COLUMNS} FROM appeals`);
  return rows.map((row) => {
    const a = rowToReportAppeal(row);
    const id = row.id as string;
    // Resolutions other than the current one: undone by a reopen.
    const pastResolutions = (resolutions.get(id) ?? []).filter((at) => at !== a.resolvedAt);
    return { ...a, id, reopenedAt: reopens.get(id) ?? [], pastResolutions };
  });
}

/** Flows of [start, end) over `appeals` (of `filter`), the shared addFlows, per appeal. */
export function referenceFlows(appeals: readonly ReportAppeal[], start: number, end: number, filter: AppealFilter) {
  const flows = createFlowCounts();
  for (const a of appeals.filter((x) => matches(x, filter))) addFlows(flows, a, start, end);
  return flows;
}

const matches = (a: ReportAppeal, filter: AppealFilter): boolean =>
  (filter.regions === null || filter.regions.includes(a.region)) &&
  (filter.category === undefined || a.category === filter.category) &&
  (filter.channel === undefined || a.channel === filter.channel);

/** The naive reference: every appeal read back, filtered and counted in JavaScript. */
export async function reference(db: ArchiveDb, from: string, to: string, asOf: number, filter: AppealFilter) {
  const appeals = (await allAppeals(db)).filter((a) => matches(a, filter));
  const start = reportDayStart(from);
  const end = reportDayStart(reportAddDays(from, 0)) + (reportDayStart(reportAddDays(to, 1)) - start);
  const flows = createFlowCounts();
  const cohort = createCohortCounts();
  for (const a of appeals) {
    addFlows(flows, a, start, Math.min(end, asOf + 1));
    if (a.registeredAt >= start && a.registeredAt < end) addCohort(cohort, a, asOf, WINDOW_MS);
  }
  return { figures: reportFigures(flows, cohort), appeals, start, end };
}
