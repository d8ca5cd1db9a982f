-- The event log is the single source of truth, as in SQLite (server/store/migrations/001_init.sql): the same columns.
-- `at` and `payload` stay the text SQLite holds: the ISO time compares as a string in both stores, and jsonb would
-- reorder keys and refuse a \u0000 that a citizen's text can carry.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE events (
  seq        BIGINT PRIMARY KEY,
  at         TEXT   NOT NULL,
  actor_id   TEXT   NOT NULL,
  actor_role TEXT   NOT NULL,
  type       TEXT   NOT NULL,
  report_id  BIGINT,
  payload    TEXT   NOT NULL
);
CREATE INDEX events_report ON events (report_id, seq);
CREATE INDEX events_at ON events (at);

-- The stream head: one row holding the last seq. An identity column would let seq 11 commit (and be read) before
-- 10, and leave a gap on rollback; a screen reads a gap as "catch up". Every insert into events takes the next seq
-- from this row instead, in its own transaction: the row stays locked until that transaction ends, so appends are
-- serialised and commit in seq order (a waiting append sees the new head only once the one before has committed),
-- and a rollback gives the number back.
CREATE TABLE event_head (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  seq BIGINT  NOT NULL
);
INSERT INTO event_head (seq) VALUES (0);

-- In the database, not the application: no writer (a hub, the SQLite-to-PostgreSQL copy) can pick its own seq.
CREATE FUNCTION events_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_head SET seq = seq + 1 RETURNING seq INTO NEW.seq;
  RETURN NEW;
END $$;
CREATE TRIGGER events_next_seq BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_next_seq();

-- The log is append-only: a projection is rebuilt from it, never the other way round.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
