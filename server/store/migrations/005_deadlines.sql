-- Deadline clocks of each report (computed at intake from the category and the working calendar),
-- the flags the scheduler has raised, and when it next needs to look: restart-safe, nothing in memory.
ALTER TABLE reports ADD COLUMN deadlines TEXT;
ALTER TABLE reports ADD COLUMN deadline_flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reports ADD COLUMN acknowledged_flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reports ADD COLUMN next_check_at TEXT;
CREATE INDEX reports_next_check ON reports (next_check_at) WHERE next_check_at IS NOT NULL;
