import type { Db } from './db.js';

export class TicketCounters {
  private readonly bump;
  constructor(db: Db) {
    this.bump = db
      .prepare(
        `INSERT INTO ticket_counters (prefix, year, last) VALUES (?, ?, 1)
         ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .pluck();
  }
  /** The next number for this prefix and year; inside the report's transaction, so a rollback gives it back. */
  next(prefix: string, year: number): number {
    return this.bump.get(prefix, year) as number;
  }
}
