import type { Ctx } from '../commands/context.js';
import type { TrackView } from '../contract/field.js';
import type { ReportState } from '../domain/reports.js';
import { holdsTrackKey, reopenDeadline } from '../domain/tracking.js';
import { publicRecord } from './public-report.js';

/** The citizen's tracking page: the public record; the private key only adds the right to reopen. */
export function trackView(ctx: Ctx, r: ReportState, key: string | undefined): TrackView {
  const { report: p, steps, primary } = publicRecord(ctx, r, { history: true });
  const until = reopenDeadline(r);
  return {
    ticket: p.ticket, status: p.status, categoryId: p.categoryId, agencyId: p.agencyId, districtCode: p.districtCode,
    address: p.address, description: p.description, createdAt: p.createdAt, photos: p.photos,
    proofPhotos: p.proofPhotos,
    history: steps.map(({ to: _to, ...h }) => h),
    canReopen: Boolean(until && ctx.now().toISOString() <= until && holdsTrackKey(r, key)),
    reopenUntil: until,
    citizenCount: r.citizenCount,
    mergedInto: primary,
  };
}
