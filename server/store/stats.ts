import type { Db } from './db.js';
import { backlogEdges, type OpenGroup } from '../domain/stats.js';
import { HAS_BREACH_FLAG_SQL } from './status-sql.js';

/** A group as either store reads it: its flags as 0 or 1. */
export type OpenGroupRow = Omit<OpenGroup, 'breached' | 'reopenedBefore'> & { breached: number; reopenedBefore: number };
export const openGroupsOf = (rows: OpenGroupRow[]): OpenGroup[] => rows.map((g) => ({ ...g, breached: g.breached === 1, reopenedBefore: g.reopenedBefore === 1 }));

/** Kinerja's as-of figures read report by report: the reports open at a moment, counted by agency, kecamatan, age class and breach. */
export class StatsQueries {
  private readonly openStmt;
  private readonly doneSinceStmt;
  constructor(db: Db) {
    // Open at @to: not done (reports_open_kinerja covers every column read here), or done only at or after @to
    // (none when @to is now; a past range's end reads the reports done since through reports_done).
    const groups = `SELECT agency_id AS agencyId, NULLIF(district_code, '') AS districtCode,
         (created_at < @e7) + (created_at < @e3) + (created_at < @e1) AS age, ${HAS_BREACH_FLAG_SQL} AS breached,
         (reopen_count > 0 AND created_at < @from) AS reopenedBefore, COUNT(*) AS n`;
    const doneSince = `${groups} FROM reports INDEXED BY reports_done WHERE done_at >= @to AND created_at < @to GROUP BY 1, 2, 3, 4, 5`;
    this.openStmt = db.prepare(
      `${groups} FROM reports INDEXED BY reports_open_kinerja WHERE done_at IS NULL AND created_at < @to GROUP BY 1, 2, 3, 4, 5
       UNION ALL
       ${doneSince}`,
    );
    this.doneSinceStmt = db.prepare(doneSince);
  }

  /** The reports open at `to` (received before it, not done by then), grouped; `from` decides "reopened before the range". */
  openAt(from: string, to: string): OpenGroup[] {
    return this.groups(this.openStmt, from, to);
  }

  /** The reports received before `to` and done at or after it (open then, not now), grouped as openAt. */
  doneSince(from: string, to: string): OpenGroup[] {
    return this.groups(this.doneSinceStmt, from, to);
  }

  private groups(stmt: ReturnType<Db['prepare']>, from: string, to: string): OpenGroup[] {
    const [e7, e3, e1] = backlogEdges(to);
    return openGroupsOf(stmt.all({ from, to, e7, e3, e1 }) as OpenGroupRow[]);
  }
}
