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
/** Void: not this city's problem (rejected), another report's (merged), another city's (forwarded). */
export const VOID: readonly ReportStatus[] = ['rejected', 'merged', 'forwarded'];
/** Left the queue: fixed, or void. */
export const DONE_STATUSES: readonly ReportStatus[] = [...FIXED, ...VOID];
export const ALL_STATUSES: readonly ReportStatus[] = [...OPEN_STATUSES, ...DONE_STATUSES];

export const isOpen = (s: ReportStatus | string): boolean => (OPEN_STATUSES as readonly string[]).includes(s);
/**
 * Off the wall's map and its latest-reports list: a duplicate merged into another report (one problem, one marker)
 * and a report forwarded to another city (that city's wall shows it now). A rejected one stays, grey.
 */
export const isOffTheWall = (s: ReportStatus | string): boolean => s === 'merged' || s === 'forwarded';
export const isFixed = (s: ReportStatus | string): boolean => (FIXED as readonly string[]).includes(s);

/** What marks a deadline flag as a breach (response_breached, resolution_breached). */
export const BREACH_SUFFIX = '_breached';

/** Breached: an open report past its response or resolution deadline. A finished report is never breached. */
export function isBreached(r: { status: ReportStatus | string; deadlineFlags: readonly (DeadlineFlag | string)[] }): boolean {
  return isOpen(r.status) && hasBreachFlag(r.deadlineFlags);
}

/** Flags that say a deadline was missed, whatever the report's status now. */
export const hasBreachFlag = (flags: readonly (DeadlineFlag | string)[]): boolean => flags.some((f) => f.endsWith(BREACH_SUFFIX));
