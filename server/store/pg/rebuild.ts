import type { CityClock } from '../../domain/time.js';
import { openDb } from '../db.js';
import { Store } from '../index.js';
import type { PgStore } from './index.js';
import { pgDifferences, type PgDifference } from './compare.js';
import { pgProjections } from './projector.js';
import { EVENT_COLUMNS } from './events.js';
import { toStored, type EventRow } from '../events.js';

/** Events read from PostgreSQL's log at a time. */
const PAGE = 5_000;

/**
 * `npm run rebuild` on PostgreSQL: folds the whole PostgreSQL log, seq by seq, through the one projector into a fresh
 * SQLite store in memory (every projection's rule is written once and shared by both stores), then compares each
 * PostgreSQL projection's rows with the fold's, field by field (pg/compare.ts, migrate:pg's check). The log and the
 * projections are read in one REPEATABLE READ snapshot, so hubs writing meanwhile show no false difference. The fold
 * holds the whole log in memory beside its projections: a city of millions of events needs as many hundreds of MB.
 */
export async function rebuildPg(pg: PgStore, clock: CityClock): Promise<{ events: number; differences: PgDifference[] }> {
  const fold = new Store(openDb(':memory:'), { clock });
  const client = await pg.pool.connect();
  try {
    // What the projections stand on that is not in the log (the paired displays a layout refers to) is not the
    // fold's to check: its references go unchecked, and the rows compared are the projections' alone.
    fold.db.pragma('foreign_keys = OFF');
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let last = 0;
    let events = 0;
    for (;;) {
      const { rows } = await client.query<EventRow>({ text: `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`, values: [last, PAGE] });
      fold.tx(() => {
        for (const row of rows) {
          const seq = fold.projector.append(toStored(row)).seq;
          // The fold's log must be the same log: a gap or a shift in PostgreSQL's seqs would compare other events.
          if (seq !== row.seq) throw new Error(`the PostgreSQL log has seq ${row.seq} where the fold reached ${seq}: it is not gapless from 1`);
        }
      });
      events += rows.length;
      if (rows.length) last = rows[rows.length - 1].seq;
      if (rows.length < PAGE) break;
    }
    const { differences } = await pgDifferences(fold.projector.projections, pgProjections(clock), client);
    await client.query('COMMIT');
    return { events, differences };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
    fold.close();
  }
}
