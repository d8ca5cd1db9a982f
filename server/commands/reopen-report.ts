import { ANONYMOUS_CITIZEN } from '../contract/roles.js';
import { refuse, type ReportState } from '../domain/reports.js';
import { holdsTrackKey, reopenDeadline } from '../domain/tracking.js';
import { actOnReport } from './act-on-report.js';
import { photoRows, processPhotos, withPhotoFiles } from './photos.js';
import type { Ctx, Result } from './context.js';

/**
 * The reporter says "not fixed": only with the private link, only within the window after verification.
 * The report goes back to red, and the reopening counts against the agency (Ombudsman: done means proven).
 */
export async function reopenByReporter(ctx: Ctx, ticket: string, key: string, reason: string, photos: Buffer[]): Promise<Result<ReportState>> {
  const report = await ctx.store.query((p) => p.reports.reportByTicket(ticket));
  if (!report) return refuse('not_found', `no report ${ticket}`, 'ticket');
  if (!holdsTrackKey(report, key)) return refuse('forbidden', 'only the reporter, with the private link, can reopen this report', 'k');
  const until = reopenDeadline(report);
  if (!until) return refuse('conflict', `report ${ticket} is ${report.status}; only a finished report can be reopened`);
  if (ctx.now().toISOString() > until) return refuse('conflict', `the time to reopen report ${ticket} ended at ${until}`);
  const processed = photos.length ? await processPhotos(ctx, photos) : { ok: true as const, value: [] };
  if (!processed.ok) return processed;
  return withPhotoFiles(ctx, processed.value, () =>
    actOnReport(ctx, ANONYMOUS_CITIZEN, report.id, { action: 'reopen', reason, ...(processed.value.length ? { photos: processed.value.map((p) => p.hash) } : {}) }, {
      media: photoRows(processed.value, ctx.now().toISOString()),
    }),
  );
}
