import { applyEvent, reportFromSubmitted, type ReportEvent, type ReportState } from './reports.js';

/** Folds the event log from the start: the projections must equal this, which is what makes the log the truth. */
export function foldReports(events: Iterable<ReportEvent & { seq: number }>): Map<number, ReportState> {
  const reports = new Map<number, ReportState>();
  for (const e of events) {
    if (e.type === 'report.submitted') {
      reports.set(e.reportId, reportFromSubmitted(e, e.seq));
      continue;
    }
    const r = reports.get(e.reportId);
    if (!r) throw new Error(`event ${e.seq} (${e.type}) refers to report ${e.reportId}, which was never submitted`);
    reports.set(e.reportId, applyEvent(r, e, e.seq));
  }
  return reports;
}
