-- The camera monitor's probes (SQLite's camera_probes of migration 004): not events, the newest few per camera are
-- what its health rules read. The id orders two probes of one camera at the same instant, as SQLite's rowid does.
CREATE TABLE camera_probes (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  camera_id  TEXT             NOT NULL,
  at         TEXT             NOT NULL,
  ok         INTEGER          NOT NULL,
  latency_ms INTEGER          NOT NULL,
  hash       TEXT,
  luma       DOUBLE PRECISION,
  error      TEXT
);
CREATE INDEX camera_probes_recent ON camera_probes (camera_id, at DESC, id DESC);

-- The events of one type in time order (SQLite's events_type_at of 004): every camera the log ever added is read
-- at start-up from the camera.added events.
CREATE INDEX events_type_at ON events (type, at);
