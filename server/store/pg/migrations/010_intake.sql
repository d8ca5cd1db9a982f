-- What filing a report writes beside its event, as SQLite keeps it (server/store/migrations/001_init.sql): ticket
-- numbers per prefix and city year, the media index that keeps a photo's files alive, and the client ids of
-- submissions already filed (a retry is answered, not filed twice). The same columns.
CREATE TABLE ticket_counters (
  prefix TEXT    NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE media (
  hash       TEXT    PRIMARY KEY,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  created_at TEXT    NOT NULL
);

CREATE TABLE client_commands (
  client_id  TEXT   PRIMARY KEY,
  actor_id   TEXT   NOT NULL,
  report_id  BIGINT NOT NULL,
  seq        BIGINT NOT NULL,
  created_at TEXT   NOT NULL
);

-- A new report's id, from the database: SQLite takes MAX(id) + 1 under its one write lock, but here two
-- transactions filing at once would both read the same MAX. A rolled-back submission leaves a hole in the ids, which
-- is harmless (seq is what must be gapless). npm run migrate:pg moves it past the copied reports.
CREATE SEQUENCE report_ids AS BIGINT OWNED BY reports.id;
