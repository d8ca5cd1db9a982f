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

/** The Open311 GET requests query: ids only, newest first; the caller loads each report through the reports table. */
export class Open311Queries {
  constructor(private readonly db: Db) {}

  requestIds(f: Open311Filter): number[] {
    const where = ['created_at >= @from', 'created_at <= @to'];
    const args: Record<string, unknown> = { from: f.from, to: f.to, limit: f.limit, offset: f.offset };
    if (f.categories.length) {
      where.push(`category_id IN (${f.categories.map((_, i) => `@c${i}`).join(', ')})`);
      f.categories.forEach((c, i) => (args[`c${i}`] = c));
    }
    if (f.statuses.length) {
      where.push(`status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
      f.statuses.forEach((s, i) => (args[`s${i}`] = s));
    }
    // reports_created index: the window is always bounded (90 days at most), so this never walks the whole table.
    const sql = `SELECT id FROM reports WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`;
    return this.db.prepare(sql).pluck().all(args) as number[];
  }

  idsOfTickets(tickets: string[]): number[] {
    if (!tickets.length) return [];
    const sql = `SELECT id FROM reports WHERE ticket IN (${tickets.map(() => '?').join(', ')}) ORDER BY created_at DESC, id DESC`;
    return this.db.prepare(sql).pluck().all(...tickets) as number[];
  }
}
