-- Issue 17: the service directory's organisation an appeal is routed to (its БИН), beside
-- the free-text `service`. Null for appeals assigned by free text the directory did not match.
ALTER TABLE appeals ADD COLUMN IF NOT EXISTS service_id text;
CREATE INDEX IF NOT EXISTS appeals_service_id ON appeals (service_id) WHERE service_id IS NOT NULL;
