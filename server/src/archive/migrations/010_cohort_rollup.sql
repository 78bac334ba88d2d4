-- Reports (issue 19), third part: the cohort rollup. PostgreSQL 15 and PGlite.
-- docs/reports.md "Cohort rollup" says why it is exact; server/src/reports/cohortRollup.ts writes it.

-- When an appeal's cohort figures stop changing. Read at a moment after its last step
-- (registered, resolved, closed, feedback) an appeal still changes with time only by its
-- deadlines (an open one becomes overdue, then legally overdue) or by the confirmation window
-- (a finished one stops awaiting confirmation 14 days after it finished:
-- DEFAULT_CONFIRMATION_WINDOW_DAYS, the rollup's window). Past all of these, its figures at any
-- later moment are those at 'infinity'. "Settled" is that moment (UTC, an upper bound: the
-- window is counted even when a callback decided first); the lag class is how long after
-- registration it comes: 0 under 15 days, 1 under 21, 2 under 45, 3 later (never rolled up).
-- A rollup row of intake day d and class k holds at any moment >= the end of d plus the class's
-- bound. One expression, IMMUTABLE (UTC timestamps, whole-day intervals), so an index can hold it.
CREATE FUNCTION report_cohort_lag(registered_at timestamptz, status text, resolved_at timestamptz,
  closed_at timestamptz, feedback_at timestamptz, resolution_due_at timestamptz, legal_due_at timestamptz)
RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT width_bucket(
    greatest(registered_at AT TIME ZONE 'UTC', resolved_at AT TIME ZONE 'UTC', closed_at AT TIME ZONE 'UTC',
      feedback_at AT TIME ZONE 'UTC',
      CASE WHEN (status IN ('closed', 'rejected') AND closed_at IS NOT NULL)
             OR (status IN ('closed', 'rejected', 'resolved') AND resolved_at IS NOT NULL)
           THEN (coalesce(resolved_at, closed_at) AT TIME ZONE 'UTC') + interval '14 days'
           ELSE greatest(resolution_due_at AT TIME ZONE 'UTC', legal_due_at AT TIME ZONE 'UTC') END)
    - (registered_at AT TIME ZONE 'UTC'),
    ARRAY[interval '15 days', interval '21 days', interval '45 days'])::smallint
$$;

-- A report reads, per class, the appeals of the days whose rows do not hold yet (the last
-- weeks before asOf) and every class-3 appeal of the period: an index range each.
CREATE INDEX appeals_cohort_lag ON appeals
  (report_cohort_lag(registered_at, status, resolved_at, closed_at, feedback_at, resolution_due_at, legal_due_at),
   registered_at);

-- The service league's "overdue now" (`overdueByService`): an appeal open at asOf either has
-- neither a resolution nor a closure (this index: the open backlog, small) or has a step after
-- asOf, and then it has not settled by asOf (the lag index's ranges above).
CREATE INDEX appeals_unfinished_registered ON appeals (registered_at)
  WHERE resolved_at IS NULL AND closed_at IS NULL;

-- The cohort's figures as they stand once settled, per Almaty intake day × region × category
-- × channel × lag class (no priority: no report filters or groups by it). Classes 0–2 only.
CREATE TABLE report_cohort_daily (
  day                    date NOT NULL,
  region                 text NOT NULL,
  category               text NOT NULL,
  channel                text NOT NULL,
  lag                    smallint NOT NULL,
  registered             integer NOT NULL DEFAULT 0,
  open                   integer NOT NULL DEFAULT 0,
  overdue                integer NOT NULL DEFAULT 0,
  legal_overdue          integer NOT NULL DEFAULT 0,
  finished               integer NOT NULL DEFAULT 0,
  finished_on_time       integer NOT NULL DEFAULT 0,
  finished_legal_on_time integer NOT NULL DEFAULT 0,
  solved_positively      integer NOT NULL DEFAULT 0,
  awaiting_confirmation  integer NOT NULL DEFAULT 0,
  rating_sum             integer NOT NULL DEFAULT 0,
  rating_count           integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, region, category, channel, lag)
);

-- The same summed per Almaty calendar month (the 1st), rewritten from its days with them.
CREATE TABLE report_cohort_monthly (LIKE report_cohort_daily INCLUDING DEFAULTS);
ALTER TABLE report_cohort_monthly RENAME COLUMN day TO month;
ALTER TABLE report_cohort_monthly ADD PRIMARY KEY (month, region, category, channel, lag);

-- 007's update trigger (as 008 wrote it) also for a callback: a cohort row counts ratings and
-- confirmations, so a change of the feedback columns marks the row's days (its intake day among
-- them) like a change of a step does.
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
          n.response_due_at, n.resolution_due_at, n.legal_due_at,
          n.feedback_result, n.feedback_rating, n.feedback_at)
         IS DISTINCT FROM
         (d.region, d.category, d.channel, d.priority, d.status, d.service, d.service_id,
          d.registered_at, d.responded_at, d.resolved_at, d.closed_at,
          d.response_due_at, d.resolution_due_at, d.legal_due_at,
          d.feedback_result, d.feedback_rating, d.feedback_at)
  ON CONFLICT DO NOTHING$sql$;
  RETURN NULL;
END $$;

-- Every intake day archived so far has no cohort rows yet.
INSERT INTO report_dirty (day, region)
SELECT DISTINCT ((a.registered_at AT TIME ZONE 'UTC') + o.off)::date, a.region
  FROM appeals a
 CROSS JOIN (VALUES (interval '5 hours'), (interval '6 hours')) AS o(off)
ON CONFLICT DO NOTHING;
