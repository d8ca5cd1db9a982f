import type { Ctx } from '../commands/context.js';
import type { ReportPublic, ReportStatus } from '../contract/reports.js';
import type { ReportState } from '../domain/reports.js';
import type { PublicStep } from '../domain/open311.js';
import { publicHistory } from '../domain/tracking.js';
import { publicReport } from '../domain/views.js';
import { primaryOf } from './merge-chain.js';

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

export function publicRecord(ctx: Ctx, r: ReportState, opts: { history: boolean }): PublicRecord {
  const events = opts.history ? ctx.store.events.forReport(r.id) : [];
  const steps: PublicStep[] = events.flatMap((e) => publicHistory([e], r.agencyId).map((h) => ({ ...h, to: e.payload.to as ReportStatus | undefined })));
  const p = primaryOf(ctx, r);
  return { report: publicReport(r), steps, primary: p && { ticket: p.ticket, status: p.status, citizenCount: p.citizenCount } };
}
