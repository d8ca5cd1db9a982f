import type { Ctx } from '../commands/context.js';
import type { TrackView } from '../contract/field.js';
import type { ReportState } from '../domain/reports.js';
import { holdsTrackKey, reopenDeadline } from '../domain/tracking.js';
import { publicRecordStep } from './public-report.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';

/**
 * The citizen's tracking page: the public record; the private key only adds the right to reopen. A report forwarded
 * to another city of the installation is followed there, on the link the citizen has: this city's steps, then that
 * city's, and that city's status (reopening it is at that city's address).
 */
export async function trackView(ctx: Ctx, r: ReportState, key: string | undefined, via: readonly string[] = []): Promise<TrackView> {
  const here = await ctx.store.query((p) => trackViewStep(p.reports, r, key, ctx.now()));
  const sent = r.status === 'forwarded' ? here.history.findLast((h) => h.type === 'report.forwarded' && h.cityId) : undefined;
  // Each city once: a forward back is refused, but a chain must never be read in a circle.
  const own = ctx.city.profile.id;
  const onward = sent?.cityId && !via.includes(sent.cityId) && sent.cityId !== own ? sent.cityId : null;
  const there = onward && ctx.forwarding ? await ctx.forwarding.track(onward, r.ticket, key, [...via, own]) : null;
  if (!there) return here;
  // The city that handles it now: the last of the chain, unless that one has sent it on too (its filing pending).
  const handler = there.forwardedTo ?? (there.status !== 'forwarded' ? { city: onward!, name: sent!.city ?? onward! } : undefined);
  return { ...there, history: [...here.history, ...there.history], canReopen: false, ...(handler ? { forwardedTo: handler } : {}) };
}

/** trackView on either store (server/store/step.ts). */
export function* trackViewStep(w: ReportWrites, r: ReportState, key: string | undefined, now: Date): Step<TrackView> {
  const { report: p, steps, primary } = yield* publicRecordStep(w, r, { history: true });
  const until = reopenDeadline(r);
  return {
    ticket: p.ticket, status: p.status, categoryId: p.categoryId, agencyId: p.agencyId, districtCode: p.districtCode,
    address: p.address, description: p.description, createdAt: p.createdAt, photos: p.photos,
    proofPhotos: p.proofPhotos,
    history: steps.map(({ to: _to, ...h }) => h),
    canReopen: Boolean(until && now.toISOString() <= until && holdsTrackKey(r, key)),
    reopenUntil: until,
    citizenCount: r.citizenCount,
    mergedInto: primary,
  };
}
