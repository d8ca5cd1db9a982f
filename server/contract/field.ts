import { z } from 'zod';
import type { ReportPublic } from './reports.js';

/** Every field command carries an id made on the phone, so the outbox can retry it safely. */
export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, dash or underscore')
  .describe('made on the phone once per step: a retry with it is answered, never applied twice');

export const FieldStep = z.object({ clientId: ClientId });

/** A report's ticket as server/domain/intake.ts makes it: the city's prefix, the year, six digits. */
export const Ticket = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/, 'a ticket such as TNG-2026-000123');

const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)), z.number().min(min).max(max).optional());

/** Multipart text fields of a proof upload. */
export const ProofFields = z.object({
  clientId: ClientId,
  note: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(1000).optional()),
  lat: optionalNumber(-90, 90),
  lon: optionalNumber(-180, 180),
});

export type FieldJob = ReportPublic & {
  acceptedAt: string | null;
  startedAt: string | null;
  instruction: string | null;
  dispatchedAt: string | null;
  returnReason: string | null;
  proof: { photos: string[]; note: string | null; flags: string[] } | null;
};

export const ReopenFields = z.object({
  k: z.string().min(10).max(100),
  reason: z.string().trim().min(5).max(1000),
});

/** One public step of a report's history; `city`/`cityId`: the other city of a forwarding between cities. */
export type PublicHistoryStep = { at: string; type: string; agencyId: string | null; reason?: string; city?: string; cityId?: string };

/** The citizen's tracking page: no staff names, no reporter contact. */
export type TrackView = {
  ticket: string;
  status: ReportPublic['status'];
  categoryId: string;
  agencyId: string;
  districtCode: string | null;
  address: string | null;
  description: string;
  createdAt: string;
  photos: string[];
  proofPhotos: string[];
  history: PublicHistoryStep[];
  canReopen: boolean;
  reopenUntil: string | null;
  /** How many citizens reported the problem (1 plus the duplicates merged into it). */
  citizenCount?: number;
  /** Forwarded to another city of the installation: the city that handles it now (its status and steps follow). */
  forwardedTo?: { city: string; name: string };
  /** A duplicate follows its primary: the citizen is led to that report's tracking and status. */
  mergedInto?: { ticket: string; status: ReportPublic['status']; citizenCount: number } | null;
};
