-- Reports (issue 19), second part: reopens counted in the flows, an hour grain for the last
-- weeks and a month grain for years. PostgreSQL 15 and PGlite. docs/reports.md "Rollups".

-- Reopens are events the appeals' current state forgets (a reopen clears the resolution): they
-- are read from appeal_events, and so are the resolutions a reopen undid. A reopen is a status change to `reopened` or a "not confirmed"
-- callback (which reopens the appeal, shared/src/projection/applyLawEvents.ts).
ALTER TABLE report_daily ADD COLUMN reopened integer NOT NULL DEFAULT 0;
ALTER TABLE report_service_daily ADD COLUMN reopened integer NOT NULL DEFAULT 0;

-- Resolutions are read from the events too: a reopen clears `resolved_at`, but the resolution
-- before it happened (the live rings counted it), so a period's flows keep it.
CREATE INDEX appeal_events_flow_at ON appeal_events (at)
  WHERE ((type = 'appeal.status_changed' AND payload->'data'->>'status' = 'reopened')
     OR (type = 'appeal.feedback' AND payload->'data'->>'result' = 'not_confirmed'))
     OR (type = 'appeal.status_changed' AND payload->'data'->>'status' = 'resolved');

-- Hours (UTC hour starts: Almaty's offsets are whole hours) × region × category × channel ×
-- priority, the columns of report_daily. Written with each recomputed day that lies within the
-- hour horizon (server/src/reports/rollupGrains.ts, 8 weeks); the rollup job deletes older hours.
CREATE TABLE report_hourly (
  hour                   timestamptz NOT NULL,
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
  reopened               integer NOT NULL DEFAULT 0,
  response_hist          jsonb,
  resolution_hist        jsonb,
  PRIMARY KEY (hour, region, category, channel, priority)
);

-- Almaty calendar months (the 1st) × the same keys: the sum of the month's report_daily rows,
-- histograms merged bin by bin. Rewritten from the days whenever a day of it is recomputed
-- (report_dirty_month), so a year reads ~12 rows per key instead of 365.
CREATE TABLE report_monthly (LIKE report_hourly INCLUDING DEFAULTS);
ALTER TABLE report_monthly DROP COLUMN hour;
ALTER TABLE report_monthly ADD COLUMN month date NOT NULL;
ALTER TABLE report_monthly ADD PRIMARY KEY (month, region, category, channel, priority);
CREATE INDEX report_monthly_region_month ON report_monthly (region, month);

CREATE TABLE report_dirty_month (
  month  date NOT NULL,
  region text NOT NULL,
  PRIMARY KEY (month, region)
);

-- A reopen or a resolution event marks its day (both offsets, as in 007) under the appeal's
-- region: the envelope's, and the archived row's when it differs (an appeal located later).
-- (A resolution's day is marked by the appeals row too; the event keeps it counted after a reopen.)
CREATE FUNCTION report_mark_dirty_reopened() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (day, region)
  SELECT DISTINCT ((n.at AT TIME ZONE 'UTC') + o.off)::date, r.region
    FROM report_new_events n
    LEFT JOIN appeals a ON a.id = n.appeal_id
   CROSS JOIN LATERAL (VALUES (n.payload->>'region'), (a.region)) AS r(region)
   CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
   WHERE r.region IS NOT NULL
     AND ((n.type = 'appeal.status_changed' AND n.payload->'data'->>'status' IN ('reopened', 'resolved'))
       OR (n.type = 'appeal.feedback' AND n.payload->'data'->>'result' = 'not_confirmed'))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER appeal_events_report_insert AFTER INSERT ON appeal_events
  REFERENCING NEW TABLE AS report_new_events
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty_reopened();

-- Everything rolled up so far lacks reopens and the new grains: mark it all again.
INSERT INTO report_dirty (day, region)
SELECT DISTINCT ((s.ts AT TIME ZONE 'UTC') + o.off)::date, s.region
  FROM (SELECT a.region, unnest(ARRAY[a.registered_at, a.responded_at, a.resolved_at, a.closed_at]) AS ts
          FROM appeals a) s
 CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
 WHERE s.ts IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO report_dirty (day, region)
SELECT DISTINCT ((e.at AT TIME ZONE 'UTC') + o.off)::date, a.region
  FROM appeal_events e
  JOIN appeals a ON a.id = e.appeal_id
 CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
 WHERE (e.type = 'appeal.status_changed' AND e.payload->'data'->>'status' IN ('reopened', 'resolved'))
    OR (e.type = 'appeal.feedback' AND e.payload->'data'->>'result' = 'not_confirmed')
ON CONFLICT DO NOTHING;
