import type { ArchiveDb } from '../../../server/src/archive/archiveDb';

/**
 * Migration 009's "mark everything again" over the archived rows: the (day, region) keys the
 * rollup triggers of 007/009 mark for them, sorted.
 */
export async function triggersDays(db: ArchiveDb): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(`
    SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date::text || ' ' || s.region AS key
      FROM (SELECT a.region, unnest(ARRAY[a.registered_at, a.responded_at, a.resolved_at, a.closed_at]) AS ts
              FROM appeals a) s
     CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
     WHERE s.ts IS NOT NULL
    UNION
    SELECT DISTINCT ((e.at AT TIME ZONE 'UTC') + o.off)::date::text || ' ' || r.region
      FROM appeal_events e
      JOIN appeals a ON a.id = e.appeal_id
     CROSS JOIN LATERAL (VALUES (e.payload->>'region'), (a.region)) AS r(region)
     CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
     WHERE (e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' IN ('reopened', 'resolved'))
        OR (e.type = 'appeal.feedback' AND e.payload->'data'->>'result' = 'not_confirmed')`);
  return rows.map((r) => r.key).sort();
}

/** The (day, region) keys in `report_dirty`, sorted. */
export async function markedDays(db: ArchiveDb): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>("SELECT day::text || ' ' || region AS key FROM report_dirty");
  return rows.map((r) => r.key).sort();
}

/** What the history writes, table by table: the key its rows are compared in. */
const HISTORY_TABLES = {
  appeals: 'id',
  appeal_events: 'seq',
  incidents: 'id',
  incident_events: 'seq',
  incident_appeals: 'incident_id, appeal_id',
} as const;

/**
 * Each history table's rows as text, hashed in key order (timestamps in UTC, so two servers
 * with different TimeZone settings print the same), with the row counts: equal digests, equal rows.
 */
export async function historyDigests(db: ArchiveDb): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await tx.exec("SET LOCAL TimeZone = 'UTC'");
    const out: Record<string, string> = {};
    for (const [table, key] of Object.entries(HISTORY_TABLES)) {
      const { rows } = await tx.query<{ n: string; digest: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY ${key})) AS digest FROM ${table} t`,
      );
      out[table] = `${rows[0]?.n} ${rows[0]?.digest}`;
    }
    return out;
  });
}
