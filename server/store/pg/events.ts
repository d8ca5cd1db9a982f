import type pg from 'pg';
import { eventRow, toStored, type EventColumns, type EventRow, type LogEvent, type StoredEvent } from '../events.js';
import { ownTx, type EventLogPort, type Tx } from '../event-log.js';
import { PgTx } from './transactions.js';

/** The log's columns as EventRow names them: every read of PostgreSQL's events selects these. */
export const EVENT_COLUMNS = 'seq, at, actor_id, actor_role, type, report_id, payload';

/**
 * The event log in PostgreSQL. seq is not chosen here: the insert trigger takes it from the locked stream head
 * (migrations/001_event_log.sql), so appends are serialised until their transaction ends. Named statements are
 * parsed once per connection.
 */
export class PgEventLog implements EventLogPort {
  constructor(private readonly pool: pg.Pool) {}

  async append(tx: Tx, e: LogEvent): Promise<number> {
    return this.appendRow(tx, eventRow(e));
  }

  /**
   * Appends an event whose columns are already made: npm run migrate:pg copies another store's rows as they are
   * (a payload re-serialised could differ by a byte). The seq is still the database's; the copier checks it.
   */
  async appendRow(tx: Tx, r: EventColumns): Promise<number> {
    const { client } = ownTx(tx, PgTx);
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
    return (await this.rowsSince(seq, limit)).map(toStored);
  }

  /** The same events as stored, columns as they are (what npm run migrate:pg compares with the SQLite log). */
  async rowsSince(seq: number, limit: number): Promise<EventRow[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'events-since',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      values: [seq, limit],
    });
    return rows;
  }

  async forReport(reportId: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'events-of-report',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE report_id = $1 ORDER BY seq`,
      values: [reportId],
    });
    return rows.map(toStored);
  }
}
