import type pg from 'pg';
import type { MarkerTuple } from '../../../contract/reports.js';
import type { CityClock } from '../../../domain/time.js';
import { ownTx } from '../../event-log.js';
import { checkpointStep, voidsCheckpoints } from '../../projections/replay-checkpoints.js';
import { MARKER_HOLDS, type Checkpoint } from '../../replay-checkpoints.js';
import { markerColumns, singleReporter } from '../../reports.js';
import { PG_BREACHED_SQL } from '../status-sql.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

type Client = pg.PoolClient;

async function latest(c: Client): Promise<Checkpoint | null> {
  const { rows } = await c.query<Checkpoint>({ name: 'checkpoints-latest', text: 'SELECT day_start AS "dayStart", seq FROM replay_checkpoints ORDER BY day_start DESC LIMIT 1' });
  return rows[0] ?? null;
}

const addDay = (c: Client, day: string, seq: number) => c.query({ name: 'checkpoints-add-day', text: 'INSERT INTO replay_checkpoints (day_start, seq) VALUES ($1, $2)', values: [day, seq] });
const setLastAt = (c: Client, at: string) =>
  c.query({ name: 'checkpoints-set-head', text: 'INSERT INTO replay_checkpoint_head (id, last_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET last_at = EXCLUDED.last_at', values: [at] });

/** ReportsTable.markersChangedSince on PostgreSQL: the same tuples, read before this event's report row is written. */
async function markersChangedSince(c: Client, seq: number): Promise<MarkerTuple[]> {
  const { rows } = await c.query<MarkerTuple>({
    name: 'reports-markers-changed',
    text: `SELECT ${markerColumns(PG_BREACHED_SQL)} FROM reports WHERE last_seq > $1 ORDER BY id`,
    values: [seq],
    rowMode: 'array',
  });
  return rows.map(singleReporter);
}

/** ReplayCheckpointsTable.putMarker: nothing when the marker that holds is the same, else it ends and this one begins. */
async function putMarker(c: Client, m: MarkerTuple, fromDay: string): Promise<void> {
  const json = JSON.stringify(m);
  const { rows } = await c.query<{ from_day: string; marker: string }>({
    name: 'checkpoints-open-marker',
    text: 'SELECT from_day, marker FROM replay_checkpoint_markers WHERE report_id = $1 AND to_day = $2',
    values: [m[0], MARKER_HOLDS],
  });
  if (rows[0]?.marker === json) return;
  if (rows[0])
    await c.query({ name: 'checkpoints-close-marker', text: 'UPDATE replay_checkpoint_markers SET to_day = $1 WHERE report_id = $2 AND from_day = $3', values: [fromDay, m[0], rows[0].from_day] });
  await c.query({ name: 'checkpoints-put-marker', text: 'INSERT INTO replay_checkpoint_markers (report_id, from_day, to_day, marker) VALUES ($1, $2, $3, $4)', values: [m[0], fromDay, MARKER_HOLDS, json] });
}

/** ReplayCheckpointsTable.forgetAfter. */
async function forgetAfter(c: Client, at: string): Promise<void> {
  await c.query('DELETE FROM replay_checkpoints WHERE day_start > $1', [at]);
  await c.query('DELETE FROM replay_checkpoint_markers WHERE from_day > $1', [at]);
  await c.query('UPDATE replay_checkpoint_markers SET to_day = $2 WHERE to_day > $1 AND to_day <> $2', [at, MARKER_HOLDS]);
}

/**
 * The replay checkpoints on PostgreSQL: the SQLite projection's steps (checkpointStep, voidsCheckpoints) on the same
 * tables. Registered before the reports projection, as there: a day closes on the reports as they stood before the
 * first event of the next one.
 */
export function pgReplayCheckpointsProjection(clock: CityClock): PgProjection {
  return {
    name: 'replay checkpoints',
    handles: (type) => type.startsWith('report.'),
    async project(tx, e) {
      const { client: c } = ownTx(tx, PgTx);
      const head = await c.query<{ last_at: string }>({ name: 'checkpoints-head', text: 'SELECT last_at FROM replay_checkpoint_head WHERE id = 1' });
      const step = checkpointStep(e.at, head.rows[0]?.last_at ?? null, clock);
      if (step.kind === 'first') {
        await addDay(c, step.day, e.seq - 1);
        await setLastAt(c, e.at);
      } else if (step.kind === 'close') {
        for (const m of await markersChangedSince(c, (await latest(c))?.seq ?? 0)) await putMarker(c, m, step.from);
        for (const d of step.days) await addDay(c, d, e.seq - 1);
        await setLastAt(c, e.at);
      } else if (step.kind === 'earlier' && voidsCheckpoints(e.at, await latest(c))) await forgetAfter(c, e.at);
      return {};
    },
    // ReplayCheckpointsTable.rows()'s shape and order (COLLATE "C": SQLite's byte order).
    snapshot: async (db) => {
      const days = await db.query(`SELECT 'day ' || day_start AS key, seq FROM replay_checkpoints ORDER BY day_start COLLATE "C"`);
      const markers = await db.query(
        `SELECT 'marker ' || report_id || ' ' || from_day AS key, to_day, marker FROM replay_checkpoint_markers ORDER BY report_id, from_day COLLATE "C"`,
      );
      const head = await db.query<{ last_at: string }>('SELECT last_at FROM replay_checkpoint_head WHERE id = 1');
      return [...days.rows, ...markers.rows, { key: 'head', lastAt: head.rows[0]?.last_at ?? null }];
    },
  };
}
