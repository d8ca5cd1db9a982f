import { createHash, timingSafeEqual } from 'node:crypto';
import type { ReportState } from './reports.js';
import type { PublicHistoryStep } from '../contract/field.js';

/** How long after its proof is verified a reporter may say "not fixed". */
export const REOPEN_DAYS = 14;

/** Public history: what happened and which agency did it; reasons only where the citizen should read them. */
const PUBLIC_REASONS = new Set(['report.rejected', 'report.rerouted', 'report.reopened', 'report.merged', 'report.forwarded']);
const HIDDEN = new Set(['report.noted']);

type Logged = { at: string; type: string; actor: { agencyId?: string | null; role: string }; payload: Record<string, unknown> };


/**
 * Between the cities of an installation: the sending city's step names the city it went to; the receiving city's
 * filing of it is read as 'report.received', with the city it came from and the reason it was sent.
 */
export function publicHistory(events: Logged[], agencyId: string): PublicHistoryStep[] {
  return events
    .filter((e) => !HIDDEN.has(e.type))
    .map((e) => {
      const from = e.type === 'report.submitted' ? (e.payload.forwardedFrom as { city: string; name: string; reason: string } | undefined) : undefined;
      if (from) return { at: e.at, type: 'report.received', agencyId, reason: from.reason, city: from.name, cityId: from.city };
      return {
        at: e.at,
        type: e.type,
        agencyId: e.actor.role === 'citizen' ? null : (e.actor.agencyId ?? agencyId),
        ...(PUBLIC_REASONS.has(e.type) && typeof e.payload.reason === 'string' ? { reason: e.payload.reason } : {}),
        ...(e.type === 'report.forwarded' && typeof e.payload.toCity === 'string' ? { city: String(e.payload.toCityName ?? e.payload.toCity), cityId: e.payload.toCity } : {}),
      };
    });
}

export function reopenDeadline(report: Pick<ReportState, 'status' | 'verifiedAt'>): string | null {
  const { verifiedAt } = report;
  if (!verifiedAt || (report.status !== 'verified' && report.status !== 'closed')) return null;
  return new Date(Date.parse(verifiedAt) + REOPEN_DAYS * 24 * 3600_000).toISOString();
}

/** The reporter's private link: its key, compared with the hash the report keeps, in constant time. */
export function holdsTrackKey(report: Pick<ReportState, 'trackKeyHash'>, key: string | undefined): boolean {
  if (!key || !report.trackKeyHash) return false;
  const a = Buffer.from(createHash('sha256').update(key).digest('hex'));
  const b = Buffer.from(report.trackKeyHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
