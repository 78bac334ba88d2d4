-- Period search over the archive (GET /api/appeals with from/to, docs/api.md): keyset pages
-- newest first, ids compared as code units (COLLATE "C", as the projection's cursors compare
-- them in JavaScript), so one cursor format serves memory and archive.

-- One region over a period (the region page), and its next pages.
CREATE INDEX appeals_search_region ON appeals (region, registered_at DESC, (id COLLATE "C") DESC);
-- Every region over a period (national users).
CREATE INDEX appeals_search_registered ON appeals (registered_at DESC, (id COLLATE "C") DESC);
-- A category with a status over a period, nationally (quality reviews of a year).
CREATE INDEX appeals_search_category_status
  ON appeals (category, status, registered_at DESC, (id COLLATE "C") DESC);
-- The appeals of one incident.
CREATE INDEX appeals_incident ON appeals (incident_id) WHERE incident_id IS NOT NULL;
