import { openChange, type OpenChange } from '../../../domain/open-reports.js';
import type { CityClock } from '../../../domain/time.js';
import { ownTx } from '../../event-log.js';
import { PgTx } from '../transactions.js';
import type pg from 'pg';
import type { PgProjection } from './types.js';

/** OpenCountsTable.apply on PostgreSQL: the change added, a count that fell to nothing everywhere dropped. */
async function apply(client: pg.PoolClient, change: OpenChange): Promise<void> {
  for (const { span, start, agencyId, counts: c } of change.cells) {
    await client.query({
      name: 'open-counts-add',
      text: `INSERT INTO report_open_counts AS o (span, start, agency_id, open, breached, reopened) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (span, start, agency_id) DO UPDATE SET open = o.open + EXCLUDED.open, breached = o.breached + EXCLUDED.breached, reopened = o.reopened + EXCLUDED.reopened`,
      values: [span, start, agencyId, c.open, c.breached, c.reopened],
    });
    if (c.open < 0 || c.breached < 0 || c.reopened < 0)
      await client.query({
        name: 'open-counts-drop',
        text: 'DELETE FROM report_open_counts WHERE span = $1 AND start = $2 AND agency_id = $3 AND open = 0 AND breached = 0 AND reopened = 0',
        values: [span, start, agencyId],
      });
  }
  for (const d of change.districts) {
    await client.query({
      name: 'open-districts-add',
      text: 'INSERT INTO report_open_districts AS d (district_code, open) VALUES ($1, $2) ON CONFLICT (district_code) DO UPDATE SET open = d.open + EXCLUDED.open',
      values: [d.districtCode, d.n],
    });
    if (d.n < 0) await client.query({ name: 'open-districts-drop', text: 'DELETE FROM report_open_districts WHERE district_code = $1 AND open = 0', values: [d.districtCode] });
  }
}

/**
 * Kinerja's open counts on PostgreSQL: registered after the reports projection, it adds openChange of the report
 * before and after the event (domain/open-reports.ts), on the city's clock, as the SQLite projection does.
 */
export function pgOpenCountsProjection(clock: CityClock): PgProjection {
  return {
    name: 'open counts',
    handles: (type) => type.startsWith('report.'),
    async project(tx, _e, { report, previous }) {
      if (report) await apply(ownTx(tx, PgTx).client, openChange(previous ?? null, report, clock));
      return {};
    },
    // OpenCountsTable.rows()'s shape and order (COLLATE "C": SQLite's byte order).
    snapshot: async (db) => [
      ...(await db.query(
        `SELECT 'open ' || span || ' ' || start || ' ' || agency_id AS key, open, breached, reopened FROM report_open_counts
          ORDER BY span COLLATE "C", start, agency_id COLLATE "C"`,
      )).rows,
      ...(await db.query(`SELECT 'open kecamatan ' || district_code AS key, open FROM report_open_districts ORDER BY district_code COLLATE "C"`)).rows,
    ],
  };
}
