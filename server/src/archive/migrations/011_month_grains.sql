-- Reports (issue 19), fourth part: coarser month grains for a year's report. PostgreSQL 15 and PGlite.
-- A year read from `report_monthly` (month × region × category × channel × priority, ~5,000
-- rows a month nationally) merges every row's histograms bin by bin: on PGlite 1.3 s per
-- histogram for the demo year, and the service league's year of `report_service_daily` 4 s.
-- Both grains below hold the same columns summed over fewer dimensions; `rewriteMonth`
-- (server/src/reports/rollupGrains.ts) writes them with `report_monthly`, from the same days.

-- Month × region × category: the flows without a channel filter (every report but one
-- filtered by channel) read these (~260 rows a month).
CREATE TABLE report_monthly_rc (LIKE report_monthly INCLUDING DEFAULTS);
ALTER TABLE report_monthly_rc DROP COLUMN channel;
ALTER TABLE report_monthly_rc DROP COLUMN priority;
ALTER TABLE report_monthly_rc ADD PRIMARY KEY (month, region, category);

-- Month × region × service: the league's whole months.
CREATE TABLE report_service_monthly (LIKE report_service_daily INCLUDING DEFAULTS);
ALTER TABLE report_service_monthly DROP COLUMN day;
ALTER TABLE report_service_monthly ADD COLUMN month date NOT NULL;
ALTER TABLE report_service_monthly ADD PRIMARY KEY (month, region, service);

-- An archive rolled up before this migration: the months it already holds are written again
-- by the rollup job (all three month tables, from the days).
INSERT INTO report_dirty_month (month, region)
SELECT DISTINCT date_trunc('month', day)::date, region FROM report_daily
ON CONFLICT DO NOTHING;
