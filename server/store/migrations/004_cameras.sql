-- CCTV cameras: configuration comes from the city profile; health is a projection of camera.* events;
-- probe figures (last frame, last good frame) are the monitor's own record, not state changes.
CREATE TABLE cameras (
  id            TEXT PRIMARY KEY,
  name          TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  lng           REAL    NOT NULL,
  lat           REAL    NOT NULL,
  snapshot_url  TEXT,
  stream_url    TEXT,
  username      TEXT,
  password      TEXT,
  interval_s    INTEGER NOT NULL,
  health        TEXT,
  health_since  TEXT,
  health_reason TEXT,
  alert         TEXT,
  last_probe_at TEXT,
  last_good_at  TEXT,
  snapshot_at   TEXT,
  last_seq      INTEGER NOT NULL DEFAULT 0
);

-- The last probes of each camera, pruned as new ones arrive: what the health rules look at.
CREATE TABLE camera_probes (
  camera_id  TEXT    NOT NULL,
  at         TEXT    NOT NULL,
  ok         INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  hash       TEXT,
  luma       REAL,
  error      TEXT
);
CREATE INDEX camera_probes_recent ON camera_probes (camera_id, at DESC);

CREATE INDEX events_type_at ON events (type, at);

-- A new report carries the nearest online camera's snapshot from the moment it arrived.
ALTER TABLE reports ADD COLUMN camera_snapshot TEXT;
