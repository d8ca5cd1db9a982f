import type { Actor } from '../contract/roles.js';
import type { NewReportFields } from '../contract/reports.js';
import { checkIntakeChannel, differsFromFiled, formatTicket, photosRequired, wibYear } from '../domain/intake.js';
import { areaAt, contains } from '../domain/geography.js';
import { refuse, reportFromSubmitted, type ReportEvent, type ReportState, type SubmittedReport } from '../domain/reports.js';
import { createHash, randomBytes } from 'node:crypto';
import { processPhotos, recordPhotos, withPhotoFiles } from './photos.js';
import type { ProcessedPhoto } from '../media/photos.js';
import { cameraLook } from './camera-look.js';
import { deadlinesFor } from '../domain/deadlines.js';
import { commitGrouped, type Committed, type Ctx, type Result } from './context.js';
import { stripControls, stripControlsOr } from '../domain/text.js';

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
export async function submitReport(ctx: Ctx, actor: Actor, given: NewReportFields, photos: Buffer[], opts: SubmitOptions = {}): Promise<Result<ReportState & { trackKey: string; replayed?: boolean }>> {
  // Every channel comes through here: text is cleaned once, for every screen and every export.
  const input: NewReportFields = {
    ...given,
    description: stripControls(given.description),
    address: stripControlsOr(given.address),
    reporterName: stripControlsOr(given.reporterName),
    reporterContact: stripControlsOr(given.reporterContact),
  };
  const earlier = opts.clientKey ? filedBefore(ctx, actor, opts, input, photos.length) : null;
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
    place = {
      lng: input.lon,
      lat: input.lat,
      precision: 'point',
      districtCode: areaAt(city.districts, input.lon, input.lat)?.code ?? null,
      subdistrictCode: areaAt(city.subdistricts, input.lon, input.lat)?.code ?? null,
    };
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
  return withPhotoFiles(ctx, stored, () =>
    commitGrouped(ctx, (): [Result<ReportState & { trackKey: string; replayed?: boolean }>, Committed[]] => {
      // Checked again inside the transaction: two copies of one submission racing still file once.
      const raced = opts.clientKey ? filedBefore(ctx, actor, opts, input, photos.length) : null;
      if (raced) return [raced, []];
      const now = ctx.now();
      const at = now.toISOString();
      const id = ctx.store.reports.nextId();
      const ticket = formatTicket(city.profile.ticketPrefix, wibYear(now), ctx.store.tickets.next(city.profile.ticketPrefix, wibYear(now)));
      const initial: SubmittedReport = {
        id,
        ticket,
        categoryId: category.id,
        agencyId: category.agencyId,
        description: input.description,
        ...place,
        address: input.address ?? null,
        channel: input.channel,
        photos: recordPhotos(ctx, processed.value, at),
        cameraSnapshot: look ? { cameraId: look.cameraId, hash: recordPhotos(ctx, [look.photo], at)[0], takenAt: look.takenAt } : null,
        reporterName: input.reporterName ?? null,
        reporterContact: input.reporterContact ?? null,
        trackKeyHash: createHash('sha256').update(trackKey).digest('hex'),
        deadlines: deadlinesFor(
          now,
          { response: { hours: category.responseHours, clock: category.clock }, resolution: { hours: category.resolutionHours, clock: category.clock } },
          city.calendar,
          city.profile.escalationDays,
        ),
        createdAt: at,
      };
      const event: ReportEvent = { type: 'report.submitted', reportId: id, at, actor, payload: { to: 'new', report: initial } };
      const seq = ctx.store.events.append(event);
      const report = reportFromSubmitted(event, seq);
      ctx.store.reports.put(report);
      if (opts.clientKey) ctx.store.clientCommands.add({ clientId: opts.clientKey, actorId: actor.id, reportId: id, seq, createdAt: at });
      return [{ ok: true, value: { ...report, trackKey } }, [{ event: { ...event, seq }, report }]];
    }),
  );
}

function filedBefore(ctx: Ctx, actor: Actor, opts: SubmitOptions, input: NewReportFields, photoCount: number): Result<ReportState & { trackKey: string; replayed: true }> | null {
  const seen = ctx.store.clientCommands.get(opts.clientKey!);
  if (!seen) return null;
  const report = ctx.store.reports.get(seen.reportId);
  if (seen.actorId !== actor.id || !report) return refuse('conflict', 'this submission id was already used by someone else', 'clientId');
  const differs = differsFromFiled(report, input, photoCount);
  if (differs) return refuse('conflict', `this clientId already filed ${report.ticket} with another ${differs}; a new report needs a new clientId`, 'clientId');
  return { ok: true, value: { ...report, trackKey: opts.trackKey ?? '', replayed: true } };
}
