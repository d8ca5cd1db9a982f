import type { Actor } from '../contract/roles.js';
import type { MediaFiles } from '../media/files.js';
import { storedPhoto } from '../media/photos.js';
import { decide, refuse, type Command, type ReportEvent, type ReportState, type SubmittedReport } from '../domain/reports.js';
import type { City } from '../profile/load.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import { actOnReport } from './act-on-report.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import { photoRows, withPhotoFiles } from './photos.js';
import { areaCodesAt, categoryDeadlines } from './submit-report.js';

/** Where a forwarded report came from, as the receiving city's log keeps it (its report.submitted). */
export type ForwardedFrom = { city: string; name: string; reportId: number; reason: string; at: string };

/**
 * Forwards a report to another city of the installation (SP4N-LAPOR's disposition): an event in this city's log
 * first (the report leaves its queue and wall, grey), then the report filed in that city's log with its ticket and
 * the citizen's key. A delivery that fails is made again, by the city's retry and at each start
 * (server/province/forwarding.ts): the event is the promise, the receiving city's ticket its keeping.
 */
export async function forwardReport(ctx: Ctx, actor: Actor, reportId: number, input: { toCity: string; reason: string; expectedVersion?: number }): Promise<Result<ReportState>> {
  const fw = ctx.forwarding;
  if (!fw) return refuse('invalid', 'toCity: this installation serves one city; there is no other to forward to', 'toCity');
  const to = fw.cities.find((c) => c.id === input.toCity);
  if (!to) return refuse('invalid', `toCity: ${input.toCity} is not another city of this installation (${fw.cities.map((c) => c.id).join(', ')})`, 'toCity');
  const report = await ctx.store.query((p) => p.reports.report(reportId));
  if (!report) return refuse('not_found', `no report ${reportId}`);
  const cmd: Command = { action: 'forward', toCity: to.id, toCityName: to.name, reason: input.reason, expectedVersion: input.expectedVersion };
  // Who may, and from which status, first: the city's own checks answer before any about the other city.
  const allowed = decide(report, cmd, actor, ctx.now());
  if (!allowed.ok) return allowed;
  if (!fw.accepts(to.id, report.categoryId)) return refuse('unprocessable', `toCity: ${to.name} has no service ${report.categoryId} to take this report`, 'toCity');
  // A city the report was in before (it came from there, or passed through): sending it back would file nothing.
  if (await fw.holds(to.id, report.ticket)) return refuse('conflict', `toCity: ${report.ticket} was at ${to.name} before; a report is not forwarded back`, 'toCity');
  const done = await actOnReport(ctx, actor, reportId, cmd);
  if (done.ok) await fw.deliver(to.id, done.value, input.reason);
  return done;
}

/**
 * Files in `ctx`'s city a report `from` forwarded: a report.submitted with the same ticket, place, description,
 * reporter and photos (copied from the sending city's files), received now (its clocks start when this city learns
 * of it) and its agency this city's for the category. Once: a ticket already here is that report. The point stays
 * where the citizen put it (in the first city: its intake took nothing outside it), so it has no kecamatan here.
 */
export async function receiveForwarded(ctx: Ctx, from: { city: City; media: MediaFiles }, report: ReportState, reason: string, at: string): Promise<Result<ReportState>> {
  const here = await ctx.store.query((p) => p.reports.reportByTicket(report.ticket));
  if (here) return { ok: true, value: here };
  const category = ctx.city.profile.categories.find((c) => c.id === report.categoryId);
  if (!category) return refuse('unprocessable', `category: ${ctx.city.profile.name} has no service ${report.categoryId}`, 'category');
  const photos = await Promise.all(report.photos.map((hash) => storedPhoto(from.media, hash, ctx.city.clock.offset)));
  const codes = await areaCodesAt(ctx, report.lng, report.lat);
  const origin: ForwardedFrom = { city: from.city.profile.id, name: from.city.profile.name, reportId: report.id, reason, at };
  // One moment for its receipt: its clocks, its photos' rows and its event.
  const now = ctx.now();
  return withPhotoFiles(ctx, photos, () =>
    command(ctx, (p) => receiveStep(p.reports, { report, agencyId: category.agencyId, deadlines: categoryDeadlines(category, ctx.city, now), codes, photos: photoRows(photos, now.toISOString()), origin, now })),
  );
}

type Receipt = {
  report: ReportState;
  agencyId: string;
  deadlines: SubmittedReport['deadlines'];
  codes: Pick<ReportState, 'districtCode' | 'subdistrictCode'>;
  photos: ReturnType<typeof photoRows>;
  origin: ForwardedFrom;
  now: Date;
};

/** receiveForwarded's transaction, on either store: checked again inside it, so two deliveries at once file once. */
function* receiveStep(w: ReportWrites, f: Receipt): Step<[Result<ReportState>, Committed[]]> {
  const raced = yield* w.reportByTicket(f.report.ticket);
  if (raced) return [{ ok: true, value: raced }, []];
  const r = f.report;
  const at = f.now.toISOString();
  const id = yield* w.newReportId();
  yield* w.addMedia(f.photos);
  const initial: SubmittedReport = {
    id, ticket: r.ticket, categoryId: r.categoryId, agencyId: f.agencyId, description: r.description,
    lng: r.lng, lat: r.lat, precision: r.precision, ...f.codes, address: r.address, channel: r.channel, photos: r.photos,
    // The sending city's camera is not this city's.
    cameraSnapshot: null,
    reporterName: r.reporterName, reporterContact: r.reporterContact, trackKeyHash: r.trackKeyHash,
    // Received here now: this city's day, windows and response times count from it (the citizen's filing is in the
    // first city's history, which the tracking page shows before this one's).
    deadlines: f.deadlines, createdAt: at,
  };
  const actor: Actor = { id: `city:${f.origin.city}`, role: 'system', name: f.origin.name };
  const event: ReportEvent = { type: 'report.submitted', reportId: id, at, actor, payload: { to: 'new', report: initial, forwardedFrom: f.origin } };
  const { seq, report } = yield* w.append(event);
  if (!report) throw new Error('report.submitted projected no report');
  return [{ ok: true, value: report }, [{ event: { ...event, seq }, report }]];
}
