-- What the field page and the citizen's tracking page need, folded from the events.
ALTER TABLE reports ADD COLUMN instruction TEXT;
ALTER TABLE reports ADD COLUMN dispatched_at TEXT;
ALTER TABLE reports ADD COLUMN proof TEXT;
ALTER TABLE reports ADD COLUMN return_reason TEXT;
-- Hash of the citizen's private tracking key: holding the link is what lets a reporter say "not fixed".
ALTER TABLE reports ADD COLUMN track_key_hash TEXT;

-- Idempotency: a command sent again with the same client-generated id returns the first result.
CREATE TABLE client_commands (
  client_id  TEXT    PRIMARY KEY,
  actor_id   TEXT    NOT NULL,
  report_id  INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  created_at TEXT    NOT NULL
);
