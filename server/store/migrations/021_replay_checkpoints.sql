-- Replay checkpoints (issue 17): the markers as they stood at the start of each city day, so /api/replay folds from
-- the nearest one before the asked time instead of from the first event. A projection like the others: the
-- projector writes it as days close, npm run rebuild folds it again from the log.

-- The day starts (ISO instants, UTC) that have a checkpoint, and the head of the log it was taken at.
CREATE TABLE replay_checkpoints (
  day_start TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
) WITHOUT ROWID;

-- A report's marker in every checkpoint from from_day up to to_day (exclusive; '9999' while it still holds): one row
-- per change, so a day's checkpoint costs what changed that day, not the whole city written again.
CREATE TABLE replay_checkpoint_markers (
  report_id INTEGER NOT NULL,
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  marker TEXT NOT NULL,
  PRIMARY KEY (report_id, from_day)
) WITHOUT ROWID;
CREATE INDEX replay_checkpoint_markers_to ON replay_checkpoint_markers (to_day, from_day);

-- When the latest report event folded happened (an instant of the latest day with events): a day closes when an
-- event of a later day arrives. A store that already has events starts from its last one, so no checkpoint is
-- taken for a day whose events it folded before this table existed (npm run rebuild -- --write fills those in).
CREATE TABLE replay_checkpoint_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_at TEXT NOT NULL
);
INSERT INTO replay_checkpoint_head (id, last_at)
  SELECT 1, MAX(at) FROM events WHERE report_id IS NOT NULL HAVING MAX(at) IS NOT NULL;
