-- Duplicates: the status a merged report had (un-merge returns it there), and how many citizens reported a
-- primary (1 + the duplicates merged into it), folded from the events in the same transaction.
ALTER TABLE reports ADD COLUMN merged_from_status TEXT;
ALTER TABLE reports ADD COLUMN citizen_count INTEGER NOT NULL DEFAULT 1;
-- Possible duplicates: open reports of one category in a small box of latitude.
CREATE INDEX reports_duplicates ON reports (category_id, lat) WHERE status IN ('new', 'checked', 'dispatched', 'in_progress', 'proof_submitted');
CREATE INDEX reports_merged_into ON reports (merged_into_id) WHERE merged_into_id IS NOT NULL;
