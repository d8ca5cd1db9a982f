-- Kinerja's open reports counted ahead, as SQLite's migration 027 has them (domain/open-reports.ts says what they
-- mean): per agency and the city hour / city day / 'all' (start 0) of receipt, and per kecamatan. Written in the
-- event's transaction from openChange, as on SQLite; a city copied by npm run migrate:pg gets them by the replay.
CREATE TABLE report_open_counts (
  span      TEXT    NOT NULL,
  -- ms since the epoch: the span's start (city hours and days), 0 for 'all'.
  start     BIGINT  NOT NULL,
  agency_id TEXT    NOT NULL,
  open      INTEGER NOT NULL,
  breached  INTEGER NOT NULL,
  reopened  INTEGER NOT NULL,
  PRIMARY KEY (span, start, agency_id)
);

CREATE TABLE report_open_districts (
  district_code TEXT    PRIMARY KEY,
  open          INTEGER NOT NULL
);
