-- The console queue's search on PostgreSQL (server/store/pg/queue.ts). SQLite matches a word of three or more
-- characters through its FTS5 trigram index, whatever its case and accents (migration 023); here the projector writes
-- the same text folded as the search words are (domain/search.ts foldText) into search_words, and a pg_trgm index
-- answers LIKE '%word%' on it. The rows already here are filled with the text lowercased, which is the fold of any
-- text without accents; the projector writes the exact fold from the next event of each report on.
-- pg_trgm is in Debian's postgresql-15 package; a database owner who is not a superuser needs it created first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE reports ADD COLUMN search_words TEXT;
UPDATE reports SET search_words = lower(search_body);
CREATE INDEX reports_search_words ON reports USING gin (search_words gin_trgm_ops);
-- Open311's window of one service, newest first (as SQLite's reports_open311_category, migration 023).
CREATE INDEX reports_open311_category ON reports (category_id, created_at);
