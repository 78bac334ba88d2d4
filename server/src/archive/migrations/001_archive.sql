-- The archive's first schema: appeals with every timestamp, their events, incidents and
-- links, the audit trail's table, and the archiver's cursor. Runs on PostgreSQL 15 and PGlite.

-- Current state of every appeal ever archived (the fold of its events).
CREATE TABLE appeals (
  id                text PRIMARY KEY,
  region            text NOT NULL,
  category          text NOT NULL,
  channel           text NOT NULL,
  priority          text NOT NULL,
  status            text NOT NULL,
  service           text,
  assignee          text,
  lat               double precision NOT NULL,
  lng               double precision NOT NULL,
  address           text,
  district          text,
  description       text NOT NULL,
  -- Personal data, nullable so that it can be erased later while the appeal stays.
  citizen_name      text,
  citizen_phone     text,
  sla_minutes       integer,
  registered_at     timestamptz NOT NULL,
  responded_at      timestamptz,
  resolved_at       timestamptz,
  closed_at         timestamptz,
  response_due_at   timestamptz NOT NULL,
  resolution_due_at timestamptz NOT NULL,
  incident_id       text,
  -- True for rows loaded from elsewhere (an import), not folded from the stream.
  backfilled        boolean NOT NULL DEFAULT false,
  -- `at` of the newest event folded in.
  updated_at        timestamptz NOT NULL,
  last_event_id     text NOT NULL,
  last_stream_id    text NOT NULL
);

-- Keyset paging (newest first) within a region or a category, and over everything.
CREATE INDEX appeals_region_registered ON appeals (region, registered_at DESC, id DESC);
CREATE INDEX appeals_category_registered ON appeals (category, registered_at DESC, id DESC);
CREATE INDEX appeals_registered ON appeals (registered_at DESC, id DESC);
-- The backlog: a small share of the table once years are archived.
CREATE INDEX appeals_open ON appeals (region, registered_at)
  WHERE status NOT IN ('resolved', 'closed', 'rejected');

-- Append-only: each applied appeal event once (event id is the stream's idempotency key).
-- `seq` is the archive order, which is stream order (stream ids as text do not sort).
CREATE TABLE appeal_events (
  event_id  text PRIMARY KEY,
  seq       bigint GENERATED ALWAYS AS IDENTITY,
  appeal_id text NOT NULL,
  type      text NOT NULL,
  at        timestamptz NOT NULL,
  stream_id text NOT NULL,
  payload   jsonb NOT NULL
);
CREATE INDEX appeal_events_timeline ON appeal_events (appeal_id, seq);

CREATE TABLE incidents (
  id             text PRIMARY KEY,
  region         text NOT NULL,
  title          text NOT NULL,
  category       text NOT NULL,
  severity       text NOT NULL,
  lat            double precision NOT NULL,
  lng            double precision NOT NULL,
  address        text,
  district       text,
  affected       integer,
  status         text NOT NULL,
  note           text,
  opened_at      timestamptz NOT NULL,
  resolved_at    timestamptz,
  updated_at     timestamptz NOT NULL,
  last_event_id  text NOT NULL,
  last_stream_id text NOT NULL
);
CREATE INDEX incidents_region_opened ON incidents (region, opened_at DESC, id DESC);

-- Incident events, like appeal_events (one id space: the stream's).
CREATE TABLE incident_events (
  event_id    text PRIMARY KEY,
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  incident_id text NOT NULL,
  type        text NOT NULL,
  at          timestamptz NOT NULL,
  stream_id   text NOT NULL,
  payload     jsonb NOT NULL
);
CREATE INDEX incident_events_timeline ON incident_events (incident_id, seq);

-- Which appeals an incident covers, and by which event they were linked first.
CREATE TABLE incident_appeals (
  incident_id text NOT NULL,
  appeal_id   text NOT NULL,
  event_id    text NOT NULL,
  linked_at   timestamptz NOT NULL,
  PRIMARY KEY (incident_id, appeal_id)
);
CREATE INDEX incident_appeals_appeal ON incident_appeals (appeal_id);

-- The `<prefix>:audit` stream, archived later by the same mechanism.
CREATE TABLE audit_events (
  stream_id  text PRIMARY KEY,
  at         timestamptz NOT NULL,
  actor      text NOT NULL,
  role       text,
  action     text NOT NULL,
  outcome    text,
  subject    text,
  request_id text,
  payload    jsonb NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at DESC);
CREATE INDEX audit_events_actor ON audit_events (actor, at DESC);

-- One row per consumer (stream): how far it archived, and who holds the lease to write.
-- The cursor moves in the same transaction as the rows, by compare-and-set on
-- (stream_id, owner): an archiver that lost the lease can never commit.
CREATE TABLE archive_cursor (
  name             text PRIMARY KEY,
  stream_id        text NOT NULL DEFAULT '0-0',
  owner            text,
  lease_expires_at timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Every committed batch: who wrote it and what it covered (operations and the tests'
-- proof that batches form one unbroken chain written by one owner at a time).
CREATE TABLE archive_batches (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL,
  owner        text NOT NULL,
  after_id     text NOT NULL,
  last_id      text NOT NULL,
  entries      integer NOT NULL,
  events       integer NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now()
);
