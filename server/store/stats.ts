import type { Db } from './db.js';
import type { ReportFacts } from '../domain/stats.js';

/** The facts performance figures are folded from: every report open during, or touched in, the range. */
export class StatsQueries {
  private readonly factsStmt;
  constructor(db: Db) {
    this.factsStmt = db.prepare(
      `SELECT agency_id AS agencyId, district_code AS districtCode, status, created_at AS createdAt,
         first_dispatched_at AS firstDispatchedAt, verified_at AS verifiedAt, done_at AS doneAt,
         reopen_count AS reopenCount, return_count AS returnCount,
         json_extract(deadlines, '$.responseDueAt') AS responseDueAt, json_extract(deadlines, '$.resolutionDueAt') AS resolutionDueAt,
         (instr(deadline_flags, '_breached') > 0) AS breached
       FROM reports
       WHERE created_at < @to AND (done_at IS NULL OR done_at >= @from OR created_at >= @from
         OR first_dispatched_at >= @from OR verified_at >= @from)`,
    );
  }
  facts(from: string, to: string): ReportFacts[] {
    return (this.factsStmt.all({ from, to }) as (Omit<ReportFacts, 'breached'> & { breached: number })[]).map((f) => ({ ...f, breached: f.breached === 1 }));
  }
}
