-- What the reports projection writes that 002 had no column for: the text a queue search looks in (ticket,
-- description and address, server/store/report-search.ts searchBody), written by the projector with the row.
-- SQLite keeps it in its FTS5 table report_search beside the report's facts (agency, category, kecamatan, channel as
-- hashed words), so that one MATCH can combine them; PostgreSQL filters those on the report's own columns, so the
-- facts are not kept here. Null until the projector writes the row (a row put in by hand, as a test does, has none).
-- The index the search reads (pg_trgm) comes with the PostgreSQL queue read, which decides how a word matches.
ALTER TABLE reports ADD COLUMN search_body TEXT;
