import type { Db } from './db.js';
import type { ReportStatus } from '../contract/reports.js';

export type Open311Filter = {
  categories: string[];
  statuses: ReportStatus[];
  /** requested_datetime window, ISO UTC, [from, to]. */
  from: string;
  to: string;
  limit: number;
  offset: number;
};

/**
 * GET requests as SQL, newest first. The window is always bounded (90 days at most) and walked in order: one service
 * through reports_open311_category (migration 023), else reports_created with the other filters checked on the row
 * (unary plus: an IN-list of services or statuses read through an index comes back out of order and is sorted whole).
 */
function requestsQuery(f: Open311Filter): { sql: string; args: Record<string, unknown> } {
  const where = ['created_at >= @from', 'created_at <= @to'];
  const args: Record<string, unknown> = { from: f.from, to: f.to, limit: f.limit, offset: f.offset };
  if (f.categories.length === 1) (where.push('category_id = @c0'), (args.c0 = f.categories[0]));
  else if (f.categories.length) {
    where.push(`+category_id IN (${f.categories.map((_, i) => `@c${i}`).join(', ')})`);
    f.categories.forEach((c, i) => (args[`c${i}`] = c));
  }
  if (f.statuses.length) {
    where.push(`+status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
    f.statuses.forEach((s, i) => (args[`s${i}`] = s));
  }
  return { sql: `SELECT id FROM reports WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`, args };
}

/** The Open311 GET requests query: ids only, newest first; the caller loads each report through the reports table. */
export class Open311Queries {
  constructor(private readonly db: Db) {}

  requestIds(f: Open311Filter): number[] {
    const { sql, args } = requestsQuery(f);
    return this.db.prepare(sql).pluck().all(args) as number[];
  }

  /** EXPLAIN QUERY PLAN of requestIds (tested: every filter reads an index and none sorts). */
  requestPlan(f: Open311Filter): string[] {
    const { sql, args } = requestsQuery(f);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail);
  }

  idsOfTickets(tickets: string[]): number[] {
    if (!tickets.length) return [];
    const sql = `SELECT id FROM reports WHERE ticket IN (${tickets.map(() => '?').join(', ')}) ORDER BY created_at DESC, id DESC`;
    return this.db.prepare(sql).pluck().all(...tickets) as number[];
  }
}
