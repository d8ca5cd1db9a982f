-- Cameras managed at the console (issue 22): a camera can be disabled; what a camera is (name, kind, place,
-- interval, enabled) is a projection of camera.* events, and its addresses and credentials live apart, in
-- camera_sources, which no event carries (the log is exported; a password must never be in it).
ALTER TABLE cameras ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

CREATE TABLE camera_sources (
  camera_id    TEXT PRIMARY KEY,
  snapshot_url TEXT,
  stream_url   TEXT,
  username     TEXT,
  password     TEXT,
  -- 1 while the addresses are the profile's: a restart takes the profile's current ones; an admin's edit makes it 0.
  from_profile INTEGER NOT NULL DEFAULT 1
);
INSERT INTO camera_sources (camera_id, snapshot_url, stream_url, username, password, from_profile)
  SELECT id, snapshot_url, stream_url, username, password, 1 FROM cameras;
UPDATE cameras SET snapshot_url = NULL, stream_url = NULL, username = NULL, password = NULL;

-- Uptime as a projection: one row per stretch of one health, closed by the next change, so the share of a
-- window online is one grouped query for every camera instead of four queries per camera.
CREATE TABLE camera_health_spans (
  camera_id TEXT NOT NULL,
  health    TEXT NOT NULL,
  from_at   TEXT NOT NULL,
  to_at     TEXT
);
CREATE INDEX camera_health_spans_open ON camera_health_spans (camera_id, to_at);
CREATE INDEX camera_health_spans_end ON camera_health_spans (to_at);
INSERT INTO camera_health_spans (camera_id, health, from_at, to_at)
  SELECT json_extract(e.payload, '$.cameraId'), json_extract(e.payload, '$.to'), e.at,
    (SELECT n.at FROM events n WHERE n.type = 'camera.health_changed' AND n.seq > e.seq
       AND json_extract(n.payload, '$.cameraId') = json_extract(e.payload, '$.cameraId') ORDER BY n.seq LIMIT 1)
  FROM events e WHERE e.type = 'camera.health_changed';
