import type { StreamEvent } from '@shared';
import type { HistoryChunk } from './generateHistory';

/**
 * The report days a chunk of history makes stale, as the rollup triggers of migrations 007
 * and 009 would mark them: each appeal's registered / responded / resolved / closed instant,
 * and each event that reopens or resolves, under both of Almaty's offsets (+5, +6) — the
 * events under the envelope's region and the appeal's. Where the session may (PGlite, a
 * PostgreSQL superuser: historyTables.ts) the history's transaction switches those triggers off (`session_replication_role = replica`: their transition tables
 * copied every row, payloads included, and took half the database's time) and inserts these
 * keys instead; the rows are the history's own, so the days are known here. Integration test:
 * the same `report_dirty` as the migrations' own "mark everything" query over the rows.
 */
export interface DirtyDays {
  /** `YYYY-MM-DD`, paired with `regions` by index. */
  days: string[];
  regions: string[];
}

const DAY = 86_400_000;
const OFFSETS = [5 * 3_600_000, 6 * 3_600_000] as const;

/** A reopen (a status change to reopened, a "not confirmed" callback) or a resolution: 009's trigger. */
function isFlowEvent(e: StreamEvent): boolean {
  const data = e.data as { status?: string; result?: string };
  if (e.type === 'appeal.status_changed') return data.status === 'reopened' || data.status === 'resolved';
  return e.type === 'appeal.feedback' && data.result === 'not_confirmed';
}

export function dirtyDays(chunk: HistoryChunk): DirtyDays {
  /** Days since the epoch (UTC, of the instant plus the offset) per region. */
  const marked = new Map<string, Set<number>>();
  const mark = (region: string, ms: number | null | undefined): void => {
    if (ms === null || ms === undefined) return;
    let days = marked.get(region);
    if (!days) marked.set(region, (days = new Set()));
    for (const offset of OFFSETS) days.add(Math.floor((ms + offset) / DAY));
  };
  for (const { appeal: a, events } of chunk.appeals) {
    mark(a.region, a.registeredAt);
    mark(a.region, a.respondedAt);
    mark(a.region, a.resolvedAt);
    mark(a.region, a.closedAt);
    for (const e of events) {
      if (!isFlowEvent(e)) continue;
      const at = Date.parse(e.at);
      if (e.region !== undefined) mark(e.region, at);
      if (a.region !== e.region) mark(a.region, at);
    }
  }
  const out: DirtyDays = { days: [], regions: [] };
  for (const [region, days] of marked) {
    for (const day of days) {
      out.days.push(new Date(day * DAY).toISOString().slice(0, 10));
      out.regions.push(region);
    }
  }
  return out;
}

/** Inserts the keys (already marked ones stay): one statement. */
export const MARK_DIRTY_SQL =
  'INSERT INTO report_dirty (day, region) SELECT * FROM unnest($1::date[], $2::text[]) ON CONFLICT DO NOTHING';
