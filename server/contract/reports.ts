import { z } from 'zod';

/** The SIGAP lifecycle. Status codes are English; labels live in the i18n files. */
export const ReportStatus = z.enum([
  'new', // received, awaiting an operator (red)
  'checked', // verified genuine, awaiting dispatch (red: not yet responded)
  'dispatched', // sent to a field supervisor (yellow)
  'in_progress', // field supervisor accepted / on site (yellow)
  'proof_submitted', // proof of completion uploaded, awaiting verification (yellow)
  'verified', // proof verified: done (green)
  'closed', // closed after verification (green)
  'rejected', // spam / not the city's business (grey)
  'merged', // duplicate merged into another report (grey)
  'forwarded', // sent to another city of the installation, whose report it is now (grey)
]);
export type ReportStatus = z.infer<typeof ReportStatus>;

export { PHASE_OF, MAX_PHOTOS, type Phase } from './phase.js';

export const Channel = z.enum(['web', 'app', 'phone', 'sms', 'social', 'kim', 'open311', 'walk_in', 'whatsapp']);
export type Channel = z.infer<typeof Channel>;

export const LocationPrecision = z.enum(['point', 'district']);

/** The report as any screen may see it: never the reporter's name or contact. */
export const ReportPublic = z.object({
  id: z.number().int(),
  ticket: z.string(),
  status: ReportStatus,
  categoryId: z.string(),
  agencyId: z.string(),
  description: z.string(),
  lng: z.number(),
  lat: z.number(),
  precision: LocationPrecision,
  address: z.string().nullable(),
  districtCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  channel: Channel,
  photos: z.array(z.string()),
  /** True while the report is open and past its response or resolution deadline. */
  breached: z.boolean(),
  /** Raised deadline flags: response_near, response_breached, resolution_near, resolution_breached, escalated. */
  deadlineFlags: z.array(z.string()),
  /** Proof-of-completion photos, public once the proof is verified (the citizen's before/after). */
  proofPhotos: z.array(z.string()),
  /** How many citizens reported this problem: 1 plus the duplicates merged into it. */
  citizenCount: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  lastSeq: z.number().int(),
});
export type ReportPublic = z.infer<typeof ReportPublic>;

/** Staff-only: adds what the public view leaves out. */
export type ReportPrivate = ReportPublic & { reporterName: string | null; reporterContact: string | null };

/**
 * The compact marker the wall keeps for every report: [id, status, categoryId, lng, lat, districtCode, createdAt, breached, reporters].
 * A tuple keeps a 100,000-report snapshot to a few megabytes. breached is 1 while an open report is past a deadline;
 * reporters is how many citizens reported it (absent: 1).
 */
export type MarkerTuple = [number, ReportStatus, string, number, number, string | null, string, (0 | 1)?, number?];

export function toMarker(
  r: Pick<ReportPublic, 'id' | 'status' | 'categoryId' | 'lng' | 'lat' | 'districtCode' | 'createdAt' | 'breached'> & { citizenCount?: number },
): MarkerTuple {
  const m: MarkerTuple = [r.id, r.status, r.categoryId, r.lng, r.lat, r.districtCode, r.createdAt, r.breached ? 1 : 0];
  // The count only when several citizens reported it: a catch-up of 100k markers stays as small as before.
  if ((r.citizenCount ?? 1) > 1) m.push(r.citizenCount!);
  return m;
}

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)), z.number().min(min).max(max).optional());

/** The text fields of POST /api/reports (multipart form fields arrive as strings). Photos are checked apart. */
export const NewReportFields = z
  .object({
    category: trimmed(1, 40),
    description: trimmed(5, 2000),
    lat: optionalNumber(-90, 90),
    lon: optionalNumber(-180, 180),
    address: optionalText(300),
    district: optionalText(20),
    channel: Channel.default('web'),
    reporterName: optionalText(120),
    reporterContact: optionalText(120),
  })
  .superRefine((v, ctx) => {
    const hasLat = v.lat !== undefined;
    const hasLon = v.lon !== undefined;
    if (hasLat !== hasLon)
      ctx.addIssue({ code: 'custom', path: [hasLat ? 'lon' : 'lat'], message: 'lat and lon must be given together' });
    if (!hasLat && !hasLon && !(v.address && v.district))
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'give lat and lon, or an address with a district' });
  });
export type NewReportFields = z.infer<typeof NewReportFields>;

/** Made once per submission on the phone: a retry with it is answered with the first ticket, never filed twice. */
export const SubmissionId = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, '16-100 letters, digits, - or _').optional(),
).describe('made once per submission on the phone: a retry is never filed twice');

/** The whole form of POST /api/reports: its fields and the submission's id. */
export const NewReportForm = NewReportFields.safeExtend({ clientId: SubmissionId });

