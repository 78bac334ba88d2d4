-- Reports (issue 19): daily rollups of the appeals' flows, kept by the archive. Runs on
-- PostgreSQL 15 and PGlite. docs/reports.md says what each column counts.

-- Flows per Almaty calendar day × region × category × channel × priority: each appeal counted
-- on the day of each of its steps (registered, responded, resolved, closed, rejected).
-- Histograms are the live rings' log histograms (shared/src/projection/histogram.ts) as
-- jsonb {count,sum,min,max,bins:{bin:n}}: merging days is exact, so a year's p50/p90 come from
-- the merged bins, never from averages of medians.
CREATE TABLE report_daily (
  day                    date NOT NULL,
  region                 text NOT NULL,
  category               text NOT NULL,
  channel                text NOT NULL,
  priority               text NOT NULL,
  registered             integer NOT NULL DEFAULT 0,
  responded              integer NOT NULL DEFAULT 0,
  responded_on_time      integer NOT NULL DEFAULT 0,
  response_target_ms     bigint NOT NULL DEFAULT 0,
  resolved               integer NOT NULL DEFAULT 0,
  resolved_on_time       integer NOT NULL DEFAULT 0,
  resolved_legal_on_time integer NOT NULL DEFAULT 0,
  finished               integer NOT NULL DEFAULT 0,
  first_call             integer NOT NULL DEFAULT 0,
  closed                 integer NOT NULL DEFAULT 0,
  rejected               integer NOT NULL DEFAULT 0,
  response_hist          jsonb,
  resolution_hist        jsonb,
  PRIMARY KEY (day, region, category, channel, priority)
);
CREATE INDEX report_daily_region_day ON report_daily (region, day);

-- Services per day × region (a service grain in report_daily would be nearly a row per
-- appeal): appeals routed to the service on that day (first response) and resolved by it.
-- `service` is the directory's БИН when the appeal carries one, else the free-text name.
CREATE TABLE report_service_daily (
  day                    date NOT NULL,
  region                 text NOT NULL,
  service                text NOT NULL,
  service_name           text,
  responded              integer NOT NULL DEFAULT 0,
  resolved               integer NOT NULL DEFAULT 0,
  resolved_on_time       integer NOT NULL DEFAULT 0,
  resolved_legal_on_time integer NOT NULL DEFAULT 0,
  response_hist          jsonb,
  PRIMARY KEY (day, region, service)
);

-- (day, region) keys whose rollup rows are stale. Every writer of `appeals` rows marks them
-- through the triggers below (the archiver, the history backfill, the rebuild), so none of
-- them needs to know about reports; server/src/reports/ recomputes and clears them.
-- Days are marked under both of Almaty's offsets since 2004 (+5, +6): the recompute then
-- places each instant on its exact Almaty day (shared/src/calendar/almatyTime.ts).
CREATE TABLE report_dirty (
  day    date NOT NULL,
  region text NOT NULL,
  PRIMARY KEY (day, region)
);

-- The recompute finds a day's appeals by each step's instant.
CREATE INDEX appeals_responded_at ON appeals (responded_at) WHERE responded_at IS NOT NULL;
CREATE INDEX appeals_resolved_at ON appeals (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX appeals_closed_at ON appeals (closed_at) WHERE closed_at IS NOT NULL;

-- Statement-level, with transition tables: one INSERT per batch, not per row.
CREATE FUNCTION report_mark_dirty_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (day, region)
  SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
    FROM (SELECT n.region, unnest(ARRAY[n.registered_at, n.responded_at, n.resolved_at, n.closed_at]) AS ts
            FROM report_new_rows n) s
   CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
   WHERE s.ts IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- An update marks the old steps' days too (a reopen clears a resolution) — only for rows
-- whose steps changed, so folding a callback or an escalation marks nothing.
CREATE FUNCTION report_mark_dirty_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION report_mark_dirty_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (day, region)
  SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
    FROM (SELECT d.region, unnest(ARRAY[d.registered_at, d.responded_at, d.resolved_at, d.closed_at]) AS ts
            FROM report_old_rows d) s
   CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
   WHERE s.ts IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER appeals_report_insert AFTER INSERT ON appeals
  REFERENCING NEW TABLE AS report_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty_new();
CREATE TRIGGER appeals_report_update AFTER UPDATE ON appeals
  REFERENCING OLD TABLE AS report_old_rows NEW TABLE AS report_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty_changed();
CREATE TRIGGER appeals_report_delete AFTER DELETE ON appeals
  REFERENCING OLD TABLE AS report_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty_old();

-- Everything archived before this migration is stale.
INSERT INTO report_dirty (day, region)
SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
  FROM (SELECT a.region, unnest(ARRAY[a.registered_at, a.responded_at, a.resolved_at, a.closed_at]) AS ts
          FROM appeals a) s
 CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
 WHERE s.ts IS NOT NULL
ON CONFLICT DO NOTHING;
