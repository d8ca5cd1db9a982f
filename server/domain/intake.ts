import type { Actor } from '../contract/roles.js';
import type { Channel, NewReportFields } from '../contract/reports.js';
import { refuse, type Refusal, type ReportState } from './reports.js';

/**
 * Who may file through which channel. Citizens file for themselves on the web or app; staff file phone,
 * SMS, social-media and assisted (KIM) complaints on someone's behalf; Open311 clients only as open311.
 */
const CHANNELS_BY_ROLE: Partial<Record<Actor['role'], readonly Channel[]>> = {
  citizen: ['web', 'app'],
  operator: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  supervisor: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  admin: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp'],
  open311: ['open311'],
  system: ['web', 'app', 'phone', 'sms', 'social', 'kim', 'walk_in', 'whatsapp', 'open311'],
};

export function checkIntakeChannel(actor: Actor, channel: Channel): Refusal | null {
  const allowed = CHANNELS_BY_ROLE[actor.role];
  if (!allowed) return refuse('forbidden', `${actor.role} may not file reports`);
  if (!allowed.includes(channel)) return refuse('forbidden', `${actor.role} may not file through channel ${channel}`, 'channel');
  return null;
}

/** TNG-2026-000123: short enough to read over the phone, unique per city and year. */
export function formatTicket(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** The year in WIB (UTC+7): a report filed at 23:30 UTC on 31 December is already next year's. */
export function wibYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/**
 * A citizen's report needs a photo (the wall shows it, the operator judges it); another system's report through
 * Open311 may come without one, as the spec allows.
 */
export function photosRequired(channel: Channel): boolean {
  return channel !== 'open311';
}

/** What a submission said, as the report filed from it keeps it. */
type Filed = Pick<ReportState, 'categoryId' | 'description' | 'address' | 'channel' | 'reporterName' | 'reporterContact' | 'precision' | 'lat' | 'lng' | 'photos'>;

/**
 * A retry carries the same clientId and the same content; the same clientId with other content is another
 * report that reused the id (a phone bug, or someone guessing), and must not be answered with the first one.
 * The first field that differs, or null when this is the same submission again.
 */
export function differsFromFiled(filed: Filed, input: NewReportFields, photoCount: number): string | null {
  if (filed.categoryId !== input.category) return 'category';
  if (filed.description !== input.description) return 'description';
  if ((filed.address ?? null) !== (input.address ?? null)) return 'address';
  if (filed.channel !== input.channel) return 'channel';
  if ((filed.reporterName ?? null) !== (input.reporterName ?? null)) return 'reporterName';
  if ((filed.reporterContact ?? null) !== (input.reporterContact ?? null)) return 'reporterContact';
  const point = input.lat !== undefined && input.lon !== undefined;
  if (point ? filed.precision !== 'point' || filed.lat !== input.lat || filed.lng !== input.lon : filed.precision !== 'district') return 'lat';
  if (filed.photos.length !== photoCount) return 'photos';
  return null;
}
