import { toStored, type EventColumns, type EventRow } from '../events.js';
import type pg from 'pg';
import { ownTx, type Transactions } from '../event-log.js';
import { PgTx } from './transactions.js';
import type { PgEventLog } from './events.js';
import type { PgProjector } from './projector.js';

/** The SQLite store's log as it is read here (server/store/events.ts EventLog). */
export type LogSource = { headSeq(): number; rowsSince(seq: number, limit: number): EventRow[] };

export type ReplayProgress = { seq: number; head: number; copied: number };
export type ReplayResult = {
  /** Events appended to PostgreSQL by this run (0 on a rerun with nothing new). */
  copied: number;
  /** The PostgreSQL log's head before this run: what an earlier run had copied (checked equal to SQLite's). */
  from: number;
  /** The SQLite log's head when this run began: PostgreSQL's head after it. */
  head: number;
};

/**
 * PostgreSQL's log is not a beginning of this SQLite log (copying on would mix two cities' records), or its
 * projections were filled by another set of them than this build's (copying on would leave them short of the start).
 */
export class DivergedLogError extends Error {}

/** meta key: the projections the copy filled from seq 1, in order, as the PgProjector that filled them named them. */
const FILLED = 'replay_projections';

const columns = (r: EventRow): EventColumns => ({ at: r.at, actorId: r.actor_id, actorRole: r.actor_role, type: r.type, reportId: r.report_id, payload: r.payload });
const same = (a: EventRow, b: EventRow) =>
  a.seq === b.seq && a.at === b.at && a.actor_id === b.actor_id && a.actor_role === b.actor_role && a.type === b.type && a.report_id === b.report_id && a.payload === b.payload;

/**
 * Copies a SQLite store's event log into PostgreSQL, row for row (seq, time, actor, type, report, payload text), and
 * projects each event as it goes, one PostgreSQL transaction per batch: what a crash leaves is a whole number of
 * batches, log and projections together. Run again, it checks that what PostgreSQL holds is the beginning of the
 * SQLite log, event for event, and goes on after it; a PostgreSQL log that is not (another city's, or one a hub
 * wrote to) is refused before anything is written, and so is a copy begun by a build with other projections (meta
 * replay_projections names them). Events the SQLite log gains during the run are left for the next.
 */
export async function replayIntoPg(
  source: LogSource,
  target: { pool: pg.Pool; transactions: Transactions; events: PgEventLog },
  projector: PgProjector,
  opts: { batch?: number; onProgress?: (p: ReplayProgress) => void } = {},
): Promise<ReplayResult> {
  const batch = opts.batch ?? 1000;
  const head = source.headSeq();
  const from = await target.events.headSeq();
  if (from > head)
    throw new DivergedLogError(`PostgreSQL's event log reaches seq ${from}, the SQLite log only seq ${head}: it is not a copy of this SQLite store, nothing was copied`);
  await checkPrefix(source, target.events, from, batch);
  const names = JSON.stringify(projector.projections.map((p) => p.name));
  if (from > 0) {
    const { rows } = await target.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [FILLED]);
    // A projection this build has and the one that copied the beginning had not would hold only what follows.
    if (rows[0]?.value !== names)
      throw new DivergedLogError(
        `PostgreSQL's projections were filled by ${rows[0] ? `a copy with ${rows[0].value}` : 'something other than this copy'}, this one has ${names}: copy into an empty database (refolding on PostgreSQL is not built yet), nothing was copied`,
      );
  }

  let seq = from;
  while (seq < head) {
    const rows = source.rowsSince(seq, Math.min(batch, head - seq));
    if (!rows.length) break;
    await target.transactions.transaction(async (tx) => {
      if (seq === 0) await ownTx(tx, PgTx).client.query('INSERT INTO meta (key, value) VALUES ($1, $2)', [FILLED, names]);
      for (const row of rows) {
        // The seq is PostgreSQL's to give (its stream head): on an empty or checked log it is SQLite's one more.
        if (row.seq !== seq + 1) throw new Error(`the SQLite log has no event ${seq + 1} (the next is ${row.seq}): a log with a hole cannot be copied with its seqs`);
        const given = await target.events.appendRow(tx, columns(row));
        if (given !== row.seq) throw new Error(`PostgreSQL gave seq ${given} to SQLite's event ${row.seq}: something else appended to its log during the copy; run again`);
        await projector.project(tx, toStored(row));
        seq = row.seq;
      }
    });
    opts.onProgress?.({ seq, head, copied: seq - from });
  }
  return { copied: seq - from, from, head };
}

/** Refuses, naming the first seq that differs, a PostgreSQL log whose first `upTo` events are not SQLite's. */
async function checkPrefix(source: LogSource, events: PgEventLog, upTo: number, batch: number): Promise<void> {
  for (let seq = 0; seq < upTo; ) {
    const n = Math.min(batch, upTo - seq);
    const [mine, theirs] = [source.rowsSince(seq, n), await events.rowsSince(seq, n)];
    for (let i = 0; i < n; i++) {
      if (!mine[i] || !theirs[i] || !same(mine[i], theirs[i]))
        throw new DivergedLogError(
          `PostgreSQL's event log differs from the SQLite log at seq ${seq + i + 1}: it is not a copy of this SQLite store (another city's, or written by a hub), nothing was copied`,
        );
    }
    seq += n;
  }
}
