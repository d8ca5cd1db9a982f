import type { ReportStatus } from '../contract/reports.js';
import type { DeadlineFlag } from './deadlines.js';

// Type-only imports: the screens import these lists without pulling zod in.

/** Received and not yet responded to: no crew sent. The response clock runs here (red on the wall). */
export const AWAITING_RESPONSE: readonly ReportStatus[] = ['new', 'checked'];
/** A field crew is on it: dispatched, on site, or its proof awaiting verification (yellow). A field supervisor's open jobs. */
export const RESPONDING: readonly ReportStatus[] = ['dispatched', 'in_progress', 'proof_submitted'];
/** Still the city's business: waiting for or under work. Duplicates merge only into these; deadlines run only here. */
export const OPEN_STATUSES: readonly ReportStatus[] = [...AWAITING_RESPONSE, ...RESPONDING];
/** Fixed: proof verified (and perhaps closed). Proof photos become public only here. */
export const FIXED: readonly ReportStatus[] = ['verified', 'closed'];
/** Left the queue: fixed, or void (rejected, merged into another, forwarded to another city). */
export const DONE_STATUSES: readonly ReportStatus[] = [...FIXED, 'rejected', 'merged', 'forwarded'];
export const ALL_STATUSES: readonly ReportStatus[] = [...OPEN_STATUSES, ...DONE_STATUSES];

export const isOpen = (s: ReportStatus | string): boolean => (OPEN_STATUSES as readonly string[]).includes(s);
export const isFixed = (s: ReportStatus | string): boolean => (FIXED as readonly string[]).includes(s);

/** What marks a deadline flag as a breach (response_breached, resolution_breached). */
export const BREACH_SUFFIX = '_breached';

/** Breached: an open report past its response or resolution deadline. A finished report is never breached. */
export function isBreached(r: { status: ReportStatus | string; deadlineFlags: readonly (DeadlineFlag | string)[] }): boolean {
  return isOpen(r.status) && hasBreachFlag(r.deadlineFlags);
}

/** Flags that say a deadline was missed, whatever the report's status now. */
export const hasBreachFlag = (flags: readonly (DeadlineFlag | string)[]): boolean => flags.some((f) => f.endsWith(BREACH_SUFFIX));
