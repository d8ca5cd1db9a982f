import type pg from 'pg';
import type { ReportState } from '../../../domain/reports.js';
import { ownTx } from '../../event-log.js';
import { foldReportEvent, needsReportBefore } from '../../projections/reports.js';
import { REPORT_COLUMNS, reportFromRow, reportToRow, type ReportRow } from '../../reports.js';
import { searchBody } from '../../report-search.js';
import { foldText } from '../../../domain/search.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

/** The row SQLite's reports table holds, and the search text SQLite keeps in report_search (migration 004). */
const COLUMNS = [...REPORT_COLUMNS, 'search_body'] as const;
/** What the projector writes: those, and the search text folded for the queue's search (migration 016), which only PostgreSQL keeps. */
const WRITTEN = [...COLUMNS, 'search_words'] as const;

const UPSERT = `INSERT INTO reports (${WRITTEN.join(', ')}) VALUES (${WRITTEN.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${WRITTEN.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

/** One report's row as the projection holds it, on the connection of a transaction. */
export async function readReport(client: pg.PoolClient, id: number): Promise<ReportState | null> {
  const { rows } = await client.query<ReportRow>({ name: 'reports-get', text: `SELECT ${REPORT_COLUMNS.join(', ')} FROM reports WHERE id = $1`, values: [id] });
  return rows[0] ? reportFromRow(rows[0]) : null;
}

/** Writes one report's row (and its search text) as the projection does. */
export async function writeReport(client: pg.PoolClient, report: ReportState): Promise<void> {
  const body = searchBody(report.ticket, report.description, report.address);
  const row: Record<string, unknown> = { ...reportToRow(report), search_body: body, search_words: foldText(body) };
  await client.query({ name: 'reports-put', text: UPSERT, values: WRITTEN.map((c) => row[c]) });
}

/** The reports projection on PostgreSQL: the SQLite one's fold (foldReportEvent) onto the same row (reportToRow). */
export function pgReportsProjection(): PgProjection {
  return {
    name: 'reports',
    handles: (type) => type.startsWith('report.'),
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const folded = foldReportEvent(e, needsReportBefore(e) ? await readReport(client, e.reportId) : null);
      await writeReport(client, folded.report);
      return folded;
    },
    snapshot: async (db) => (await db.query(`SELECT ${COLUMNS.join(', ')} FROM reports ORDER BY id`)).rows,
  };
}
