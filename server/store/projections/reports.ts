import { applyEvent, reportFromSubmitted, type ReportEvent, type ReportState } from '../../domain/reports.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { ReportsTable } from '../reports.js';
import type { Projection } from './types.js';

/**
 * One report event folded onto the report as it stood (`before`; null for report.submitted, which needs none):
 * the reports projection's rule on both stores (this one and server/store/pg/projections/reports.ts).
 */
export function foldReportEvent(e: StoredEvent, before: ReportState | null): { report: ReportState; previous: ReportState | null } {
  const event = e as ReportEvent & { seq: number };
  if (event.type === 'report.submitted') return { report: reportFromSubmitted(event, e.seq), previous: null };
  if (!before) throw new Error(`event ${e.seq} (${e.type}) is about report ${event.reportId}, which was never submitted`);
  return { report: applyEvent(before, event, e.seq), previous: before };
}

/** Whether folding `e` needs the report as it stood: every report event but the one that creates it. */
export const needsReportBefore = (e: StoredEvent): e is StoredEvent & { reportId: number } => e.type !== 'report.submitted';

/** The reports projection: report.submitted creates the row, every later report.* event folds through applyEvent. */
export function reportsProjection(db: Db, reports: ReportsTable): Projection {
  // With each report its search row (migration 023): a rebuild finds one missing or stale, and put() rewrites it.
  const rows = db.prepare('SELECT r.*, s.body AS search_body, s.facts AS search_facts FROM reports r LEFT JOIN report_search s ON s.rowid = -r.id ORDER BY r.id');
  return {
    name: 'reports',
    handles: (type) => type.startsWith('report.'),
    project(e: StoredEvent) {
      const folded = foldReportEvent(e, needsReportBefore(e) ? reports.get(e.reportId) : null);
      reports.put(folded.report);
      return folded;
    },
    snapshot: () => rows.all(),
  };
}
