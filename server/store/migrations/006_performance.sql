-- The moments performance is measured from, folded from the events into each report.
ALTER TABLE reports ADD COLUMN first_dispatched_at TEXT;
ALTER TABLE reports ADD COLUMN verified_at TEXT;
ALTER TABLE reports ADD COLUMN done_at TEXT;
ALTER TABLE reports ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN return_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reports_agency_created ON reports (agency_id, created_at);
CREATE INDEX reports_first_dispatched ON reports (first_dispatched_at) WHERE first_dispatched_at IS NOT NULL;
CREATE INDEX reports_verified ON reports (verified_at) WHERE verified_at IS NOT NULL;
CREATE INDEX reports_done ON reports (done_at) WHERE done_at IS NOT NULL;
-- Open reports by age: the backlog, and the part of the kinerja scope that has no "done" moment.
CREATE INDEX reports_open_created ON reports (created_at) WHERE done_at IS NULL;
