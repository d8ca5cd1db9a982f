import { applyEvent, reportFromSubmitted, type ReportEvent, type ReportState } from './reports.js';

type Logged = { type: string; reportId: number | null; seq: number };
const isReportEvent = (e: Logged): e is ReportEvent & { seq: number } => e.type.startsWith('report.') && e.reportId !== null;

/** Folds the event log from the start: the projections must equal this, which is what makes the log the truth. */
export function foldReports(events: Iterable<Logged>): Map<number, ReportState> {
  const reports = new Map<number, ReportState>();
  for (const e of events) {
    if (!isReportEvent(e)) continue;
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
