import type { Actor } from '../contract/roles.js';
import type { NewReportFields } from '../contract/reports.js';
import { checkIntakeChannel, differsFromFiled, formatTicket, photosRequired, ticketYear } from '../domain/intake.js';
import { areaAt, contains } from '../domain/geography.js';
import { refuse, type ReportEvent, type ReportState, type SubmittedReport } from '../domain/reports.js';
import { createHash, randomBytes } from 'node:crypto';
import { photoHashes, photoRows, processPhotos, withPhotoFiles } from './photos.js';
import type { ProcessedPhoto } from '../media/photos.js';
import { cameraLook, type CameraLook } from './camera-look.js';
import { deadlinesFor } from '../domain/deadlines.js';
import { commandGrouped, type AreaCodes, type Committed, type Ctx, type Result } from './context.js';
import { stripControls, stripControlsOr } from '../domain/text.js';
import type { ReportWrites } from '../store/report-writes.js';
import type { Step } from '../store/step.js';
import type { City } from '../profile/load.js';
import type { Category } from '../contract/profile.js';

/**
 * clientKey: the id the sender gave this submission; a retry with the same key answers the report it already
 * filed instead of filing it twice. trackKey: given when the sender can derive it again on a retry.
 */
export type SubmitOptions = {
  clientKey?: string;
  trackKey?: string;
  // A caller on the phone has no photo to give: operator intake makes it optional.
  photoOptional?: boolean;
};

/** Files a new report: validates against the city, processes photos, stores event + projection, then broadcasts. */
export async function submitReport(ctx: Ctx, actor: Actor, given: NewReportFields, photos: Buffer[], opts: SubmitOptions = {}): Promise<Result<Filed>> {
  // Every channel comes through here: text is cleaned once, for every screen and every export.
  const input: NewReportFields = {
    ...given,
    description: stripControls(given.description),
    address: stripControlsOr(given.address),
    reporterName: stripControlsOr(given.reporterName),
    reporterContact: stripControlsOr(given.reporterContact),
  };
  const earlier = opts.clientKey ? await ctx.store.query((p) => filedBefore(p.reports, actor, opts, input, photos.length)) : null;
  if (earlier) return earlier;
  const channelRefusal = checkIntakeChannel(actor, input.channel);
  if (channelRefusal) return channelRefusal;
  const { city } = ctx;
  const category = city.profile.categories.find((c) => c.id === input.category);
  if (!category) return refuse('invalid', `unknown category ${input.category}`, 'category');

  let place: Pick<ReportState, 'lng' | 'lat' | 'precision' | 'districtCode' | 'subdistrictCode'>;
  if (input.lat !== undefined && input.lon !== undefined) {
    if (!contains(city.outline, input.lon, input.lat))
      return refuse('unprocessable', `location ${input.lat},${input.lon} is outside ${city.profile.name}`, 'lat');
    place = { lng: input.lon, lat: input.lat, precision: 'point', ...(await areaCodesAt(ctx, input.lon, input.lat)) };
  } else {
    const district = city.districts.find((d) => d.code === input.district || d.name.toLowerCase() === input.district?.toLowerCase());
    if (!district) return refuse('unprocessable', `unknown district ${input.district} in ${city.profile.name}`, 'district');
    place = { lng: district.label[0], lat: district.label[1], precision: 'district', districtCode: district.code, subdistrictCode: null };
  }

  const minPhotos = opts.photoOptional || !photosRequired(input.channel) ? 0 : 1;
  const processed = await processPhotos(ctx, photos, minPhotos);
  if (!processed.ok) return processed;
  const look = place.precision === 'point' ? await cameraLook(ctx, place) : null;
  const stored = look ? [...processed.value, look.photo] : processed.value;

  // The reporter's private key to their report (the link they keep); only its hash is stored.
  const trackKey = opts.trackKey ?? randomBytes(18).toString('base64url');
  const filing: Omit<Filing, 'now'> = { actor, input, category, place, photos: processed.value, photoCount: photos.length, look, trackKey, opts };
  return withPhotoFiles(ctx, stored, () => commandGrouped(ctx, (p) => fileReport(p.reports, city, { ...filing, now: ctx.now() })));
}

export type Filed = ReportState & { trackKey: string; replayed?: boolean };

/** The kecamatan and kelurahan of a point: PostGIS where the store has the areas, else the profile's in memory. */
export async function areaCodesAt(ctx: Ctx, lng: number, lat: number): Promise<AreaCodes> {
  if (ctx.areasAt) return ctx.areasAt(lng, lat);
  return { districtCode: areaAt(ctx.city.districts, lng, lat)?.code ?? null, subdistrictCode: areaAt(ctx.city.subdistricts, lng, lat)?.code ?? null };
}

/** A report's response and resolution clocks from `now`, on its category's hours and the city's calendar. */
export function categoryDeadlines(category: Category, city: City, now: Date) {
  return deadlinesFor(
    now,
    { response: { hours: category.responseHours, clock: category.clock }, resolution: { hours: category.resolutionHours, clock: category.clock } },
    city.calendar,
    city.profile.escalationDays,
  );
}

/** A submission checked and its photos processed: all that filing it in the store needs. */
export type Filing = {
  actor: Actor;
  input: NewReportFields;
  category: Category;
  place: Pick<ReportState, 'lng' | 'lat' | 'precision' | 'districtCode' | 'subdistrictCode'>;
  photos: ProcessedPhoto[];
  /** How many photos the sender sent: a retry that sends another number is another submission. */
  photoCount: number;
  look: CameraLook | null;
  trackKey: string;
  opts: SubmitOptions;
  now: Date;
};

/**
 * The transaction of a submission, on either store (server/store/step.ts): the id, the ticket, the event and its
 * projections, the photos kept, the client id remembered; with what to broadcast once it has committed.
 */
export function* fileReport(w: ReportWrites, city: City, f: Filing): Step<[Result<Filed>, Committed[]]> {
  // Checked again inside the transaction: two copies of one submission racing still file once.
  const raced = f.opts.clientKey ? yield* filedBefore(w, f.actor, f.opts, f.input, f.photoCount) : null;
  if (raced) return [raced, []];
  const { category, look } = f;
  const at = f.now.toISOString();
  const year = ticketYear(f.now, city.clock);
  const id = yield* w.newReportId();
  const ticket = formatTicket(city.profile.ticketPrefix, year, yield* w.nextTicket(city.profile.ticketPrefix, year));
  yield* w.addMedia(photoRows(look ? [...f.photos, look.photo] : f.photos, at));
  const initial: SubmittedReport = {
    id,
    ticket,
    categoryId: category.id,
    agencyId: category.agencyId,
    description: f.input.description,
    ...f.place,
    address: f.input.address ?? null,
    channel: f.input.channel,
    photos: photoHashes(f.photos),
    cameraSnapshot: look ? { cameraId: look.cameraId, hash: look.photo.hash, takenAt: look.takenAt } : null,
    reporterName: f.input.reporterName ?? null,
    reporterContact: f.input.reporterContact ?? null,
    trackKeyHash: createHash('sha256').update(f.trackKey).digest('hex'),
    deadlines: categoryDeadlines(category, city, f.now),
    createdAt: at,
  };
  const event: ReportEvent = { type: 'report.submitted', reportId: id, at, actor: f.actor, payload: { to: 'new', report: initial } };
  const { seq, report } = yield* w.append(event);
  if (!report) throw new Error('report.submitted projected no report');
  if (f.opts.clientKey) yield* w.addClientCommand({ clientId: f.opts.clientKey, actorId: f.actor.id, reportId: id, seq, createdAt: at });
  return [{ ok: true, value: { ...report, trackKey: f.trackKey } }, [{ event: { ...event, seq }, report }]];
}

function* filedBefore(w: ReportWrites, actor: Actor, opts: SubmitOptions, input: NewReportFields, photoCount: number): Step<Result<Filed & { replayed: true }> | null> {
  const seen = yield* w.clientCommand(opts.clientKey!);
  if (!seen) return null;
  const report = yield* w.report(seen.reportId);
  if (seen.actorId !== actor.id || !report) return refuse('conflict', 'this submission id was already used by someone else', 'clientId');
  const differs = differsFromFiled(report, input, photoCount);
  if (differs) return refuse('conflict', `this clientId already filed ${report.ticket} with another ${differs}; a new report needs a new clientId`, 'clientId');
  return { ok: true, value: { ...report, trackKey: opts.trackKey ?? '', replayed: true } };
}
