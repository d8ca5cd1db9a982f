-- Kinerja's as-of-now figures counted ahead (issue 23; domain/open-reports.ts): the open reports (not done) per agency
-- and the city hour, the city day and 'all' (start 0) their receipt falls in, and per kecamatan. Open, breached open,
-- backlog by age and the reopened ones still open are then sums over a few hundred rows instead of a read of every
-- open report. A projection like the rollups: written in the event's transaction, folded again by npm run rebuild; a
-- store that has reports gets them from the reports' rows when it first opens after this migration.
CREATE TABLE report_open_counts (
  span TEXT NOT NULL,
  -- ms since the epoch: the span's start (city hours and days), 0 for 'all'.
  start INTEGER NOT NULL,
  agency_id TEXT NOT NULL,
  open INTEGER NOT NULL,
  breached INTEGER NOT NULL,
  reopened INTEGER NOT NULL,
  PRIMARY KEY (span, start, agency_id)
) WITHOUT ROWID;

CREATE TABLE report_open_districts (
  district_code TEXT PRIMARY KEY,
  open INTEGER NOT NULL
) WITHOUT ROWID;
