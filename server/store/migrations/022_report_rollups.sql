-- Kinerja rollups (issue 23): per city day × agency × category × kecamatan, what the reports' moments add up to
-- (domain/rollups.ts), so the kinerja board reads a few rows per day instead of every report in its range. A
-- projection like the others: the projector writes it in the event's transaction, npm run rebuild folds it again.
-- A store that already has reports gets them from the reports' rows when it first opens after this migration.
CREATE TABLE report_rollups (
  day TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  -- '' when the report has no kecamatan (a key column cannot be NULL and still conflict).
  district_code TEXT NOT NULL,
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
  PRIMARY KEY (day, agency_id, category_id, district_code)
) WITHOUT ROWID;

-- The same sums per day and agency alone, with the day's response and resolution times (the league's medians and
-- p90): what the kinerja board reads, a handful of rows per day however many categories and kecamatan a city has. A
-- histogram is its buckets that hold any, as pairs of little-endian uint32 (bucket, count), by bucket.
CREATE TABLE report_rollup_agency_days (
  day TEXT NOT NULL,
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
  PRIMARY KEY (day, agency_id)
) WITHOUT ROWID;

-- The as-of figures (open now, per kecamatan, backlog by age, breached open) are states, read from the reports
-- themselves: every column they need, for the open ones only, in one index.
CREATE INDEX reports_open_kinerja ON reports (created_at, agency_id, district_code, reopen_count, deadline_flags) WHERE done_at IS NULL;
-- The reports with deadline flags (the console's reminders, /ringkas's breached list) without a walk of every report.
CREATE INDEX reports_flagged ON reports (status) WHERE deadline_flags <> '[]';
