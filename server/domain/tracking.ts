import { createHash, timingSafeEqual } from 'node:crypto';
import type { ReportState } from './reports.js';

/** How long after its proof is verified a reporter may say "not fixed". */
export const REOPEN_DAYS = 14;

/** Public history: what happened and which agency did it; reasons only where the citizen should read them. */
const PUBLIC_REASONS = new Set(['report.rejected', 'report.rerouted', 'report.reopened', 'report.merged']);
const HIDDEN = new Set(['report.noted']);

type Logged = { at: string; type: string; actor: { agencyId?: string | null; role: string }; payload: Record<string, unknown> };

export function publicHistory(events: Logged[], agencyId: string): { at: string; type: string; agencyId: string | null; reason?: string }[] {
  return events
    .filter((e) => !HIDDEN.has(e.type))
    .map((e) => ({
      at: e.at,
      type: e.type,
      agencyId: e.actor.role === 'citizen' ? null : (e.actor.agencyId ?? agencyId),
      ...(PUBLIC_REASONS.has(e.type) && typeof e.payload.reason === 'string' ? { reason: e.payload.reason } : {}),
    }));
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
