import type { Db } from './db.js';
import type { ReportFacts } from '../domain/stats.js';
import { HAS_BREACH_FLAG_SQL } from './status-sql.js';

/** The facts performance figures are folded from: every report open during, or touched in, the range. */
export class StatsQueries {
  private readonly factsStmt;
  constructor(db: Db) {
    // One indexed branch per way a report can be in scope (open, or a moment inside the range). An OR over these
    // columns, or a UNION joined back to reports, walks the whole table; `id IN (… UNION ALL …)` lets each branch
    // use its own index and then reads the few reports in scope by rowid.
    this.factsStmt = db.prepare(
      `SELECT agency_id AS agencyId, district_code AS districtCode, status, created_at AS createdAt,
         first_dispatched_at AS firstDispatchedAt, verified_at AS verifiedAt, done_at AS doneAt,
         reopen_count AS reopenCount, return_count AS returnCount,
         json_extract(deadlines, '$.responseDueAt') AS responseDueAt, json_extract(deadlines, '$.resolutionDueAt') AS resolutionDueAt,
         ${HAS_BREACH_FLAG_SQL} AS breached
       FROM reports
       WHERE id IN (
           SELECT id FROM reports WHERE done_at IS NULL AND created_at < @to
           UNION ALL SELECT id FROM reports WHERE done_at >= @from AND done_at IS NOT NULL
           UNION ALL SELECT id FROM reports WHERE created_at >= @from AND created_at < @to
           UNION ALL SELECT id FROM reports WHERE first_dispatched_at >= @from AND first_dispatched_at IS NOT NULL
           UNION ALL SELECT id FROM reports WHERE verified_at >= @from AND verified_at IS NOT NULL)
         AND created_at < @to`,
    );
  }
  facts(from: string, to: string): ReportFacts[] {
    return (this.factsStmt.all({ from, to }) as (Omit<ReportFacts, 'breached'> & { breached: number })[]).map((f) => ({ ...f, breached: f.breached === 1 }));
  }
}
