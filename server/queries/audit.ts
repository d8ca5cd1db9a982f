import type { Ctx } from '../commands/context.js';
import { auditHeader, auditRow } from '../domain/audit.js';
import { dayStart } from '../domain/time.js';

const DAY_MS = 24 * 3600_000;
/** Events read at a time: a year of the log must not sit in memory. */
const PAGE = 2_000;

/**
 * The audit export of the city's days [from, to], one CSV line at a time, a page of the log per read. Each report's
 * ticket is read once.
 */
export async function* auditLines(ctx: Ctx, from: string, to: string): AsyncGenerator<string> {
  const { clock } = ctx.city;
  const start = dayStart(from, clock);
  const end = new Date(Date.parse(dayStart(to, clock)) + DAY_MS).toISOString();
  yield auditHeader(clock).join(',') + '\n';
  const tickets = new Map<number, string | null>();
  for (let after = 0; ; ) {
    const page = await ctx.store.query(function* (p) {
      const events = yield* p.reads.eventsBetween(start, end, after, PAGE);
      for (const e of events)
        if (e.reportId !== null && !tickets.has(e.reportId)) tickets.set(e.reportId, (yield* p.reports.report(e.reportId))?.ticket ?? null);
      return events;
    });
    for (const e of page) yield auditRow(e, e.reportId === null ? null : tickets.get(e.reportId)!, clock) + '\n';
    if (page.length < PAGE) return;
    after = page[page.length - 1].seq;
  }
}
