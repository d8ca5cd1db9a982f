-- The reports projection, with the columns SQLite's reports table has after its migrations (001 ... 021), so one
-- row mapping serves both stores. Times and JSON stay text, as in events (001_event_log.sql). The projector that
-- writes it comes with the async store; the duplicate search (server/store/pg/geo.ts) reads it already.
-- PostGIS: a database owner who is not a superuser needs it created first (CREATE EXTENSION postgis, by the DBA).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE reports (
  id                 BIGINT PRIMARY KEY,
  ticket             TEXT   NOT NULL UNIQUE,
  status             TEXT   NOT NULL,
  category_id        TEXT   NOT NULL,
  agency_id          TEXT   NOT NULL,
  description        TEXT   NOT NULL,
  lng                DOUBLE PRECISION NOT NULL,
  lat                DOUBLE PRECISION NOT NULL,
  precision          TEXT   NOT NULL,
  address            TEXT,
  district_code      TEXT,
  subdistrict_code   TEXT,
  channel            TEXT   NOT NULL,
  photos             TEXT   NOT NULL,
  reporter_name      TEXT,
  reporter_contact   TEXT,
  assignee_id        TEXT,
  merged_into_id     BIGINT,
  created_at         TEXT   NOT NULL,
  updated_at         TEXT   NOT NULL,
  version            INTEGER NOT NULL,
  last_seq           BIGINT NOT NULL,
  instruction        TEXT,
  dispatched_at      TEXT,
  proof              TEXT,
  return_reason      TEXT,
  track_key_hash     TEXT,
  camera_snapshot    TEXT,
  deadlines          TEXT,
  deadline_flags     TEXT   NOT NULL DEFAULT '[]',
  acknowledged_flags TEXT   NOT NULL DEFAULT '[]',
  next_check_at      TEXT,
  first_dispatched_at TEXT,
  verified_at        TEXT,
  done_at            TEXT,
  reopen_count       INTEGER NOT NULL DEFAULT 0,
  return_count       INTEGER NOT NULL DEFAULT 0,
  merged_from_status TEXT,
  citizen_count      INTEGER NOT NULL DEFAULT 1,
  -- Where the report is, on the sphere: the duplicate search asks "within r metres" of it through the GiST index.
  place              geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED
);
CREATE INDEX reports_last_seq ON reports (last_seq);
CREATE INDEX reports_status ON reports (status, agency_id);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX reports_assignee ON reports (assignee_id, status);
CREATE INDEX reports_next_check ON reports (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX reports_agency_created ON reports (agency_id, created_at);
CREATE INDEX reports_first_dispatched ON reports (first_dispatched_at) WHERE first_dispatched_at IS NOT NULL;
CREATE INDEX reports_verified ON reports (verified_at) WHERE verified_at IS NOT NULL;
CREATE INDEX reports_done ON reports (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX reports_open_created ON reports (created_at) WHERE done_at IS NULL;
CREATE INDEX reports_merged_into ON reports (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX reports_place ON reports USING gist (place);
