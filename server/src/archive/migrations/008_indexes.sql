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
