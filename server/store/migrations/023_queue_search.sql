-- The console's queue at volume (issue 23): pages by id (keyset, newest first) and every filter served by an index.
--
-- report_search: one row per report (rowid = minus reports.id, so newest first is FTS5's cheap upward walk), a
-- projection like the others, kept by ReportsTable.put and folded again by npm run rebuild. `body` is the text an operator searches (ticket, description, address) in
-- trigrams, so a word matches anywhere inside another, as LIKE '%word%' did, without reading every row; case and
-- accents do not matter. `facts` holds the report's fixed facts (agency, category, kecamatan, channel), each as one
-- trigram of its own (search_fact(), store/report-search.ts), so any mix of filters and words is one FTS5 query
-- that walks the matching ids newest first and stops at a page. Status and breach change with every event and are
-- checked on the report row instead.
CREATE VIRTUAL TABLE report_search USING fts5(body, facts, tokenize = 'trigram remove_diacritics 1');
INSERT INTO report_search (rowid, body, facts)
  SELECT -id, search_body(ticket, description, address), search_facts(agency_id, category_id, district_code, channel) FROM reports;

-- The queue without a fact or a word to narrow it: one status (the proof tab) and the breached reports, newest first.
CREATE INDEX reports_queue_status ON reports (status);
CREATE INDEX reports_queue_breached ON reports (id)
  WHERE (instr(deadline_flags, '_breached') > 0) AND status IN ('new', 'checked', 'dispatched', 'in_progress', 'proof_submitted');

-- Open311 GET requests for one service: its window newest first (several services or a status walk reports_created).
CREATE INDEX reports_open311_category ON reports (category_id, created_at);
