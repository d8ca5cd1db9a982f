import type pg from 'pg';
import type { Transactions, Tx } from '../event-log.js';

/** A transaction on one pooled connection: everything done through it runs on that connection. */
export class PgTx {
  open = true;
  constructor(readonly client: pg.PoolClient) {}
}

export class PgTransactions implements Transactions {
  constructor(private readonly pool: pg.Pool) {}

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run('BEGIN', work);
  }

  /**
   * Several reads that must agree with one another (a snapshot and its seq): one snapshot of the database for all of
   * them (REPEATABLE READ), no write allowed, no lock taken. SQLite's Store.read.
   */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  private async run<T>(begin: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new PgTx(client);
    let broken: Error | undefined;
    // The server can go away between two statements (killed, restarted): the client then emits 'error', which
    // would end the process without a listener. The next statement fails with it anyway, and the caller hears that.
    const lost = (e: Error) => (broken ??= e);
    client.on('error', lost);
    try {
      await client.query(begin);
      const value = await work(tx as unknown as Tx);
      // A statement that failed inside `work` (and was caught there) aborts the transaction; PostgreSQL then answers
      // COMMIT with ROLLBACK and no error. Nothing was kept, so the caller must not be told it was.
      const done = await client.query('COMMIT');
      if (done.command !== 'COMMIT') throw new Error('the transaction was rolled back: a statement in it failed');
      return value;
    } catch (e) {
      broken = e as Error;
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      tx.open = false;
      client.off('error', lost);
      // After an error the connection may be the broken one (a killed server): drop it rather than pool it.
      client.release(broken);
    }
  }
}
