-- Reports: the generation of the rollups, shared by every process. PostgreSQL 15 and PGlite.
-- A kept report answer (server/src/http/reportAnswerCache.ts) is served again only while this
-- number is unchanged. It goes up in the same transaction that rewrites the rollups of a day
-- before yesterday (server/src/reports/rollups.ts `recomputeDays`), whoever does it: a report's
-- refresh, the rollup job, `reports:rebuild`, another server on the same database. Held in
-- process memory before, so a rebuild or another process never made a kept answer stale.
-- One row: the key is always true.
CREATE TABLE report_generation (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  generation bigint NOT NULL DEFAULT 0
);
INSERT INTO report_generation DEFAULT VALUES;
