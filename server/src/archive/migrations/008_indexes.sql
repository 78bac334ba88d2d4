-- Index audit (issue 16, `npm run bench -- archiveIndexAudit`; the table is in the archive's
-- README): every index of `appeals` is written on every version of every row the archiver
-- upserts (an appeal is rewritten at each of its ~5 events), so an index no read uses is a
-- cost on the write path with nothing in return. Runs on PostgreSQL 15 and PGlite.

-- 001's keyset indexes order ids by the database's collation; 003's twins order them as
-- code units (COLLATE "C"), as every search and cursor does. Same leading columns, so any
-- range on (region, registered_at) or registered_at that 001's served, 003's serve too.
DROP INDEX IF EXISTS appeals_region_registered;
DROP INDEX IF EXISTS appeals_registered;
-- A category without a status: the planner walks appeals_search_registered and filters (one
-- category is ~1/16 of the rows, a page of 50 reads a few hundred); with a status,
-- appeals_search_category_status.
DROP INDEX IF EXISTS appeals_category_registered;
-- The open backlog by region: same predicate as appeals_open_legal_due, which the overdue
-- searches use (the open set is small; a region filter on it costs nothing).
DROP INDEX IF EXISTS appeals_open;
-- No read filters on service_id alone (reports match `service_id = $s OR (service_id IS NULL
-- AND service = $s)`, which this index cannot answer).
DROP INDEX IF EXISTS appeals_service_id;

-- 007's update trigger, same statement, planned at each call (EXECUTE) instead of once per
-- session: PL/pgSQL caches a static statement's plan, and the first batch of a connection
-- often updates no row, so the cached plan joined the transition tables (estimated at one row)
-- by a nested loop — O(n²): 5,015,360 comparisons and 7.5 s for one batch of 2,240 updated
-- appeals (auto_explain, `npm run bench -- archiveProfile`), half of a catch-up's time.
-- Planned per call, it sees the tables' real row counts and hashes or merges them. Without JIT:
-- those real counts put a batch's statement past jit_above_cost, and compiling it with LLVM
-- took ~120 ms of a 240 ms statement (PGlite has no JIT; the setting exists and does nothing).
CREATE OR REPLACE FUNCTION report_mark_dirty_changed() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  EXECUTE $sql$
  INSERT INTO report_dirty (day, region)
  SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
    FROM report_new_rows n
    JOIN report_old_rows d ON d.id = n.id
   CROSS JOIN LATERAL (VALUES (n.region, n.registered_at), (n.region, n.responded_at), (n.region, n.resolved_at),
                              (n.region, n.closed_at), (d.region, d.registered_at), (d.region, d.responded_at),
                              (d.region, d.resolved_at), (d.region, d.closed_at)) AS s(region, ts)
   CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
   WHERE s.ts IS NOT NULL
     AND (n.region, n.category, n.channel, n.priority, n.status, n.service, n.service_id,
          n.registered_at, n.responded_at, n.resolved_at, n.closed_at,
          n.response_due_at, n.resolution_due_at, n.legal_due_at)
         IS DISTINCT FROM
         (d.region, d.category, d.channel, d.priority, d.status, d.service, d.service_id,
          d.registered_at, d.responded_at, d.resolved_at, d.closed_at,
          d.response_due_at, d.resolution_due_at, d.legal_due_at)
  ON CONFLICT DO NOTHING$sql$;
  RETURN NULL;
END $$;
