import { z } from 'zod';
import type { ReportStatus } from './reports.js';
import type { StaffReport } from './console.js';

/** Channels an operator files by hand for someone who called, texted or wrote: never web, app or Open311. */
export const OperatorChannel = z.enum(['phone', 'sms', 'whatsapp', 'social', 'kim', 'walk_in']);
export type OperatorChannel = z.infer<typeof OperatorChannel>;

const num = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number({ error: (iss) => (iss.input === undefined ? `${what} is required: search a place or tap the map` : `${what} must be a number`) })
      .min(min).max(max),
  );
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

/**
 * POST /api/console/reports: a complaint an operator takes by phone, SMS, WhatsApp or social media.
 * Multipart (with an optional photo) or JSON; multipart values arrive as strings.
 */
export const OperatorReportFields = z.object({
  channel: OperatorChannel,
  /** The caller's phone number, or their account on the social network: private, like every reporter contact. */
  reporterContact: z.string({ error: 'the caller’s contact (phone number or account) is required' }).trim().min(3).max(120),
  reporterName: optionalText(120),
  category: z.string({ error: 'category is required' }).trim().min(1).max(40),
  description: z.string({ error: 'description is required' }).trim().min(5).max(2000),
  lat: num(-90, 90, 'lat'),
  lon: num(-180, 180, 'lon'),
  address: optionalText(300),
});
export type OperatorReportFields = z.infer<typeof OperatorReportFields>;

/** One possible duplicate of a report, nearest first; which of the two would stay the primary is decided here. */
export type PossibleDuplicate = {
  report: StaffReport;
  distanceM: number;
  /** Merging keeps primaryId and closes duplicateId into it (one of them is the report being looked at). */
  primaryId: number;
  duplicateId: number;
  /** False when the would-be duplicate is already dispatched, or belongs to another agency than the caller's. */
  canMerge: boolean;
};

export type DuplicatesView = {
  window: { radiusM: number; windowHours: number };
  duplicates: PossibleDuplicate[];
  /** When the report itself is merged: the report it now stands under. */
  primary: { id: number; ticket: string; status: ReportStatus; citizenCount: number } | null;
  /** The reports merged into this one. */
  merged: { id: number; ticket: string; channel: string; createdAt: string }[];
};
