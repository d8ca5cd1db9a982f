-- The replay checkpoints, as SQLite's migration 021 has them: the markers at the start of each city day, so a
-- replay folds from the nearest one. Written by the projector as days close (server/store/projections/
-- replay-checkpoints.ts checkpointStep is the rule); a city copied by npm run migrate:pg gets them by the replay.
CREATE TABLE replay_checkpoints (
  day_start TEXT   PRIMARY KEY,
  seq       BIGINT NOT NULL
);

-- A report's marker (its MarkerTuple as JSON text) from from_day up to to_day (exclusive; '9999' while it holds).
CREATE TABLE replay_checkpoint_markers (
  report_id BIGINT NOT NULL,
  from_day  TEXT   NOT NULL,
  to_day    TEXT   NOT NULL,
  marker    TEXT   NOT NULL,
  PRIMARY KEY (report_id, from_day)
);
CREATE INDEX replay_checkpoint_markers_to ON replay_checkpoint_markers (to_day, from_day);

-- When the latest report event folded happened. Unlike SQLite's 021 nothing is filled from the log here: this
-- database's projections are all filled by folding it from the first event.
CREATE TABLE replay_checkpoint_head (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  last_at TEXT    NOT NULL
);
