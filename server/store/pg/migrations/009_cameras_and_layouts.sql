-- The last two projections of the log on PostgreSQL, with SQLite's columns (its migrations 004, 010 and 020) so one
-- fold serves both (server/store/camera-fold.ts; the layouts projection's row). Times and JSON stay text.

-- Cameras: what the log decides (name, kind, place, interval, enabled, health, alert), then the monitor's own
-- record of its probes (not events, as on SQLite). SQLite's legacy address columns are not here: addresses and
-- credentials live apart in camera_sources, which no event carries.
CREATE TABLE cameras (
  id            TEXT PRIMARY KEY,
  name          TEXT             NOT NULL,
  kind          TEXT             NOT NULL,
  lng           DOUBLE PRECISION NOT NULL,
  lat           DOUBLE PRECISION NOT NULL,
  interval_s    INTEGER          NOT NULL,
  disabled      INTEGER          NOT NULL DEFAULT 0,
  health        TEXT,
  health_since  TEXT,
  health_reason TEXT,
  alert         TEXT,
  last_seq      BIGINT           NOT NULL DEFAULT 0,
  last_probe_at TEXT,
  last_good_at  TEXT,
  snapshot_at   TEXT
);

-- Where each camera is read from: kept on the hub, in no event, sent to no browser.
CREATE TABLE camera_sources (
  camera_id    TEXT PRIMARY KEY,
  snapshot_url TEXT,
  stream_url   TEXT,
  username     TEXT,
  password     TEXT,
  from_profile INTEGER NOT NULL DEFAULT 1
);

-- Uptime: one row per stretch of one health, closed by the next change.
CREATE TABLE camera_health_spans (
  camera_id TEXT NOT NULL,
  health    TEXT NOT NULL,
  from_at   TEXT NOT NULL,
  to_at     TEXT
);
CREATE INDEX camera_health_spans_open ON camera_health_spans (camera_id, to_at);
CREATE INDEX camera_health_spans_end ON camera_health_spans (to_at);

-- What each paired display shows: its last display.layout_assigned (the layout as JSON text). The displays
-- themselves (pairing, tokens) are not a projection and come with the hub on PostgreSQL.
CREATE TABLE display_layouts (
  display_id  TEXT   PRIMARY KEY,
  layout      TEXT   NOT NULL,
  seq         BIGINT NOT NULL,
  assigned_at TEXT   NOT NULL,
  assigned_by TEXT   NOT NULL
);
