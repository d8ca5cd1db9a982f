import { applyEvent, reportFromSubmitted, type ReportEvent } from '../../domain/reports.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { ReportsTable } from '../reports.js';
import type { Projection } from './types.js';

/** The reports projection: report.submitted creates the row, every later report.* event folds through applyEvent. */
export function reportsProjection(db: Db, reports: ReportsTable): Projection {
  // With each report its search row (migration 023): a rebuild finds one missing or stale, and put() rewrites it.
  const rows = db.prepare('SELECT r.*, s.body AS search_body, s.facts AS search_facts FROM reports r LEFT JOIN report_search s ON s.rowid = -r.id ORDER BY r.id');
  return {
    name: 'reports',
    handles: (type) => type.startsWith('report.'),
    project(e: StoredEvent) {
      const event = e as ReportEvent & { seq: number };
      if (event.type === 'report.submitted') {
        const report = reportFromSubmitted(event, e.seq);
        reports.put(report);
        return { report, previous: null };
      }
      const before = reports.get(event.reportId);
      if (!before) throw new Error(`event ${e.seq} (${e.type}) is about report ${event.reportId}, which was never submitted`);
      const report = applyEvent(before, event, e.seq);
      reports.put(report);
      return { report, previous: before };
    },
    snapshot: () => rows.all(),
  };
}
