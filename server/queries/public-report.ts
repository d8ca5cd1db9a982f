import type { ReportPublic, ReportStatus } from '../contract/reports.js';
import type { ReportState } from '../domain/reports.js';
import type { PublicStep } from '../domain/open311.js';
import { publicHistory } from '../domain/tracking.js';
import { publicReport } from '../domain/views.js';
import { primaryStep } from './merge-chain.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';

/**
 * A report as the public reads it on its own page (the tracking page, an Open311 request): its public view, the
 * public steps of its history, and the report a merged duplicate finally stands for. The fields themselves are
 * decided once, in domain/views.ts publicReport; this only adds what has to be read from the store.
 */
export type PublicRecord = {
  report: ReportPublic;
  /** Only when asked for: the log is read per report. */
  steps: PublicStep[];
  /** The root of a merge chain, as the citizen follows it: not merely the report it was merged into. */
  primary: Pick<ReportState, 'ticket' | 'status' | 'citizenCount'> | null;
};

/** The public record of a report, on either store (server/store/step.ts). */
export function* publicRecordStep(w: ReportWrites, r: ReportState, opts: { history: boolean }): Step<PublicRecord> {
  const events = opts.history ? yield* w.eventsOf(r.id) : [];
  const steps: PublicStep[] = events.flatMap((e) => publicHistory([e], r.agencyId).map((h) => ({ ...h, to: e.payload.to as ReportStatus | undefined })));
  const p = yield* primaryStep((id) => w.report(id), r);
  return { report: publicReport(r), steps, primary: p && { ticket: p.ticket, status: p.status, citizenCount: p.citizenCount } };
}
