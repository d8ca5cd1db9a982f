-- The event log is the single source of truth; every other table is a projection of it
-- written in the same transaction as the event.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT    NOT NULL,
  actor_id   TEXT    NOT NULL,
  actor_role TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  report_id  INTEGER,
  payload    TEXT    NOT NULL
);
CREATE INDEX events_report ON events (report_id, seq);
CREATE INDEX events_at ON events (at);

CREATE TABLE reports (
  id                INTEGER PRIMARY KEY,
  ticket            TEXT    NOT NULL UNIQUE,
  status            TEXT    NOT NULL,
  category_id       TEXT    NOT NULL,
  agency_id         TEXT    NOT NULL,
  description       TEXT    NOT NULL,
  lng               REAL    NOT NULL,
  lat               REAL    NOT NULL,
  precision         TEXT    NOT NULL,
  address           TEXT,
  district_code     TEXT,
  subdistrict_code  TEXT,
  channel           TEXT    NOT NULL,
  photos            TEXT    NOT NULL,
  reporter_name     TEXT,
  reporter_contact  TEXT,
  assignee_id       TEXT,
  merged_into_id    INTEGER,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  version           INTEGER NOT NULL,
  last_seq          INTEGER NOT NULL
);
CREATE INDEX reports_last_seq ON reports (last_seq);
CREATE INDEX reports_status ON reports (status, agency_id);
CREATE INDEX reports_created ON reports (created_at);

-- Ticket numbers are per prefix and WIB year: TNG-2026-000123.
CREATE TABLE ticket_counters (
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);

-- Photos are stored by content hash; a row here is what keeps a file under data/media/ alive.
CREATE TABLE media (
  hash       TEXT    PRIMARY KEY,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  created_at TEXT    NOT NULL
);

-- A wall display is paired with a long random token; only its hash is kept.
CREATE TABLE displays (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
