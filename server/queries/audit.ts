import type { Ctx } from '../commands/context.js';
import { auditHeader, auditRow } from '../domain/audit.js';
import { dayStart } from '../domain/time.js';

const DAY_MS = 24 * 3600_000;

/**
 * The audit export of the city's days [from, to], one CSV line at a time: a year of the log must not sit in memory.
 * Each report's ticket is read once.
 */
export function* auditLines(ctx: Ctx, from: string, to: string): Generator<string> {
  const { clock } = ctx.city;
  const end = new Date(Date.parse(dayStart(to, clock)) + DAY_MS).toISOString();
  yield auditHeader(clock).join(',') + '\n';
  const tickets = new Map<number, string | null>();
  for (const e of ctx.store.events.inRange(dayStart(from, clock), end)) {
    if (e.reportId !== null && !tickets.has(e.reportId)) tickets.set(e.reportId, ctx.store.reports.get(e.reportId)?.ticket ?? null);
    yield auditRow(e, e.reportId === null ? null : tickets.get(e.reportId)!, clock) + '\n';
  }
}
