import type pg from 'pg';
import { eventRow, toStored, type EventRow, type LogEvent, type StoredEvent } from '../events.js';
import { ownTx, type EventLogPort, type Tx } from '../event-log.js';
import { PgTx } from './transactions.js';

const COLUMNS = 'seq, at, actor_id, actor_role, type, report_id, payload';

/**
 * The event log in PostgreSQL. seq is not chosen here: the insert trigger takes it from the locked stream head
 * (migrations/001_event_log.sql), so appends are serialised until their transaction ends. Named statements are
 * parsed once per connection.
 */
export class PgEventLog implements EventLogPort {
  constructor(private readonly pool: pg.Pool) {}

  async append(tx: Tx, e: LogEvent): Promise<number> {
    const { client } = ownTx(tx, PgTx);
    const r = eventRow(e);
    const { rows } = await client.query<{ seq: number }>({
      name: 'events-append',
      text: 'INSERT INTO events (at, actor_id, actor_role, type, report_id, payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq',
      values: [r.at, r.actorId, r.actorRole, r.type, r.reportId, r.payload],
    });
    return rows[0].seq;
  }

  async headSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>({ name: 'events-head', text: 'SELECT seq FROM event_head' });
    return rows[0].seq;
  }

  async since(seq: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'events-since',
      text: `SELECT ${COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      values: [seq, limit],
    });
    return rows.map(toStored);
  }

  async forReport(reportId: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'events-of-report',
      text: `SELECT ${COLUMNS} FROM events WHERE report_id = $1 ORDER BY seq`,
      values: [reportId],
    });
    return rows.map(toStored);
  }
}
