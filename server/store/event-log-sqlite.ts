import type { Db } from './db.js';
import type { EventLog, LogEvent, StoredEvent } from './events.js';
import { ownTx, type EventLogPort, type Transactions, type Tx } from './event-log.js';

class SqliteTx {
  open = true;
}

/**
 * Async transactions over the one better-sqlite3 connection: one at a time (a second waits for the first to end),
 * BEGIN IMMEDIATE so the write lock is taken at the start, not at the first write.
 *
 * While `work` awaits, the connection is inside the transaction: anything else that writes through this connection
 * in that time (a GroupCommit flush, a synchronous command) would land in it. `work` must await only the store's
 * own calls, which on SQLite resolve at once; the async store built on this has to route every write through here.
 */
export class SqliteTransactions implements Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const run = async () => {
      const tx = new SqliteTx();
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(tx as unknown as Tx);
        this.db.exec('COMMIT');
        return value;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      } finally {
        tx.open = false;
      }
    };
    const result = this.tail.then(run);
    this.tail = result.catch(() => {});
    return result;
  }
}

/** The SQLite event log (server/store/events.ts) behind the async interface. */
export class SqliteEventLogPort implements EventLogPort {
  constructor(private readonly log: EventLog) {}

  async append(tx: Tx, e: LogEvent): Promise<number> {
    ownTx(tx, SqliteTx);
    return this.log.append(e);
  }
  async headSeq(): Promise<number> {
    return this.log.headSeq();
  }
  async since(seq: number, limit: number): Promise<StoredEvent[]> {
    return this.log.since(seq, limit);
  }
  async forReport(reportId: number): Promise<StoredEvent[]> {
    return this.log.forReport(reportId);
  }
}
