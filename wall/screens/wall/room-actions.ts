import type { LiveReportEvent, ReportEventType } from '../../../server/contract/events';
import type { Phase, ReportPublic } from '../../../server/contract/reports';
import { PHASE_OF } from '../../../server/contract/reports';
import type { Live } from '../../lib/live';
import { createSpotlightQueue, type SpotlightOptions } from './spotlight-queue';

/** Room actions the wall announces in a one-line notice. */
export const NOTICE_TYPES: ReadonlySet<ReportEventType> = new Set([
  'report.checked',
  'report.rejected',
  'report.dispatched',
  'report.proof_submitted',
  'report.verified',
  'report.reopened',
]);

/** One notice: only what the line needs, so a capped queue stays small for weeks. */
export type Notice = { seq: number; type: ReportEventType; ticket: string; agencyId: string; categoryId: string; phase: Phase };
/** The "done" moment: a verified report's before and after. */
export type DoneMoment = { id: number; ticket: string; agencyId: string; categoryId: string; districtCode: string | null; before: string | null; after: string | null; at: string };

/** A notice stays 7 s alone, 3.5 s when others wait; at most 3 wait; one older than 30 s is dropped unseen. */
export const NOTICE_QUEUE: SpotlightOptions = { showMs: 7_000, minMs: 3_500, maxWaiting: 3, staleMs: 30_000 };
/** A done moment stays 15 s alone, 8 s when another waits; at most 2 wait, newest first. */
export const DONE_QUEUE: SpotlightOptions = { showMs: 15_000, minMs: 8_000, maxWaiting: 2, staleMs: 120_000 };

export function noticeOf(e: LiveReportEvent): Notice | null {
  if (!NOTICE_TYPES.has(e.type)) return null;
  const r = e.report;
  return { seq: e.seq, type: e.type, ticket: r.ticket, agencyId: r.agencyId, categoryId: r.categoryId, phase: PHASE_OF[r.status] ?? 'grey' };
}

export function doneOf(e: LiveReportEvent): DoneMoment | null {
  if (e.type !== 'report.verified') return null;
  const r: ReportPublic = e.report;
  return {
    id: r.id, ticket: r.ticket, agencyId: r.agencyId, categoryId: r.categoryId, districtCode: r.districtCode,
    before: r.photos[0] ?? null, after: r.proofPhotos?.[0] ?? null, at: e.at,
  };
}

/** The wall's two queues for room actions, fed by every live report event. */
export function createRoomActions(live: Live) {
  const notices = createSpotlightQueue<Notice>(NOTICE_QUEUE);
  const done = createSpotlightQueue<DoneMoment>(DONE_QUEUE);
  const off = live.onReportEvent((e) => {
    const n = noticeOf(e);
    if (n) notices.push(n);
    const d = doneOf(e);
    if (d) done.push(d);
  });
  return {
    notice: notices.current,
    done: done.current,
    dispose() {
      off();
      notices.dispose();
      done.dispose();
    },
  };
}
