-- Reports merged before 008 never had merged_into_id folded in (a doubled case in applyEvent swallowed it), so
-- their tracking page could not lead to the primary. Take it, and the status the report had, from the log:
-- the same values a fold of the events gives now.
UPDATE reports
SET merged_into_id = (
      SELECT CAST(json_extract(e.payload, '$.intoReportId') AS INTEGER) FROM events e
      WHERE e.report_id = reports.id AND e.type = 'report.merged' ORDER BY e.seq DESC LIMIT 1),
    merged_from_status = (
      SELECT json_extract(e.payload, '$.from') FROM events e
      WHERE e.report_id = reports.id AND e.type = 'report.merged' ORDER BY e.seq DESC LIMIT 1)
WHERE status = 'merged' AND merged_into_id IS NULL;
