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

-- The agency-day rollups summed per city month ('YYYY-MM'), histograms too: a long range reads its whole months
-- here and only the days before and after them from report_rollup_agency_days (domain/rollups.ts splitRange).
-- Written with the day rows in the event's transaction; filled from the reports' rows on the first start after 027.
CREATE TABLE report_rollup_agency_months (
  month TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  received INTEGER NOT NULL,
  reopened INTEGER NOT NULL,
  dispatched INTEGER NOT NULL,
  dispatched_in_time INTEGER NOT NULL,
  returned_proofs INTEGER NOT NULL,
  fixed INTEGER NOT NULL,
  fixed_in_time INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  merged INTEGER NOT NULL,
  response_ms INTEGER NOT NULL,
  resolution_ms INTEGER NOT NULL,
  response_times BLOB NOT NULL DEFAULT x'',
  resolution_times BLOB NOT NULL DEFAULT x'',
  PRIMARY KEY (month, agency_id)
) WITHOUT ROWID;
