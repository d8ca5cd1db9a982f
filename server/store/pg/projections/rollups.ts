import type pg from 'pg';
import { rollupChange, type RollupChange } from '../../../domain/rollups.js';
import type { CityClock } from '../../../domain/time.js';
import { ownTx } from '../../event-log.js';
import { COLS, FINE, GRAINS, coarseOf, countsOf, fineKey, grainRows, mayHaveEmptied, mergeTimes } from '../../rollups.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

const params = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
const upsertSql = (table: string, key: readonly string[]) =>
  `INSERT INTO ${table} AS t (${[...key, ...COLS].join(', ')}) VALUES (${params(key.length + COLS.length)})
   ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${COLS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
const zeroSql = (table: string, key: readonly string[], extra = '') =>
  `DELETE FROM ${table} WHERE ${key.map((k, i) => `${k} = $${i + 1}`).join(' AND ')} AND ${COLS.map((c) => `${c} = 0`).join(' AND ')}${extra}`;

const FINE_UPSERT = upsertSql('report_rollups', FINE);
const FINE_DROP = zeroSql('report_rollups', FINE);
const grains = GRAINS.map((g) => {
  const key = [g.period, 'agency_id'];
  const where = `${g.period} = $1 AND agency_id = $2`;
  return {
    g,
    upsert: upsertSql(g.table, key),
    drop: zeroSql(g.table, key, " AND response_times = ''::bytea AND resolution_times = ''::bytea"),
    timesOf: `SELECT response_times AS response, resolution_times AS resolution FROM ${g.table} WHERE ${where}`,
    putTimes: `UPDATE ${g.table} SET response_times = $3, resolution_times = $4 WHERE ${where}`,
    // RollupsTable.rows()'s shape: hex() on SQLite is upper case.
    all: `SELECT 'agency ${g.period} ' || ${g.period} || ' ' || agency_id AS key, ${COLS.join(', ')},
            upper(encode(response_times, 'hex')) AS response_times, upper(encode(resolution_times, 'hex')) AS resolution_times
          FROM ${g.table} ORDER BY ${g.period} COLLATE "C", agency_id COLLATE "C"`,
  };
});
const FINE_ALL = `SELECT 'rollup ' || ${FINE.join(" || ' ' || ")} AS key, ${COLS.join(', ')} FROM report_rollups ORDER BY ${FINE.map((c) => `${c} COLLATE "C"`).join(', ')}`;

/** RollupsTable.apply on PostgreSQL: the same rows, grouped by the same functions. */
async function apply(c: pg.PoolClient, change: RollupChange): Promise<void> {
  if (!change.rows.length && !change.times.length) return;
  for (const r of change.rows) {
    const key = fineKey(r);
    await c.query({ name: 'rollups-fine-add', text: FINE_UPSERT, values: [...key, ...countsOf(r.counts)] });
    if (mayHaveEmptied(r.counts)) await c.query({ name: 'rollups-fine-drop', text: FINE_DROP, values: key });
  }
  const { coarse, timed } = coarseOf(change);
  for (const s of grains)
    for (const r of grainRows(s.g.of, coarse, timed)) {
      await c.query({ name: `rollups-${s.g.period}-add`, text: s.upsert, values: [r.period, r.agencyId, ...countsOf(r.counts)] });
      if (r.times.length) {
        const { rows } = await c.query<{ response: Buffer; resolution: Buffer }>({ name: `rollups-${s.g.period}-times`, text: s.timesOf, values: [r.period, r.agencyId] });
        const merged = mergeTimes(rows[0], r.times);
        await c.query({ name: `rollups-${s.g.period}-put-times`, text: s.putTimes, values: [r.period, r.agencyId, merged.response, merged.resolution] });
      }
      if (mayHaveEmptied(r.counts, r.times)) await c.query({ name: `rollups-${s.g.period}-drop`, text: s.drop, values: [r.period, r.agencyId] });
    }
}

/**
 * Kinerja's rollups on PostgreSQL: registered after the reports projection, it adds rollupChange of the report
 * before and after the event (domain/rollups.ts), on the city's days, as the SQLite projection does.
 */
export function pgRollupsProjection(clock: CityClock): PgProjection {
  return {
    name: 'rollups',
    handles: (type) => type.startsWith('report.'),
    async project(tx, _e, { report, previous }) {
      if (report) await apply(ownTx(tx, PgTx).client, rollupChange(previous ?? null, report, clock));
      return {};
    },
    snapshot: async (db) => [...(await db.query(FINE_ALL)).rows, ...(await Promise.all(grains.map((s) => db.query(s.all)))).flatMap((r) => r.rows)],
  };
}
