import type pg from 'pg';
import type { Transactions, Tx } from '../event-log.js';
import { PgTx } from './transactions.js';

type Item = { work: (tx: Tx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
/** Undoes one work and drops its savepoint, so the batch's next work starts from a clean stack. */
const UNDO = 'ROLLBACK TO SAVEPOINT grouped; RELEASE SAVEPOINT grouped';
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit on PostgreSQL, as server/store/group-commit.ts does on SQLite: the transactions that arrive while
 * one batch is being committed share the next database transaction, so one WAL flush acknowledges them all.
 *
 * Why it is needed: every append holds the event log's stream head (migrations/001_event_log.sql) until its
 * transaction commits, so one-transaction-per-command commits one flush at a time (bench:pg-log). Batched, the
 * head is held once per batch.
 *
 * Each `work` runs alone in its own SAVEPOINT on the batch's connection, one after another: one that throws (or
 * whose statement failed) is rolled back alone, its seqs given back, and its caller gets the error; the others are
 * kept. Nobody is answered before the COMMIT; if the COMMIT fails, nobody in the batch was committed. A `work` must
 * not start another transaction and wait for it: that one would wait for this batch.
 */
export class PgGroupCommit implements Transactions {
  private pending: Item[] = [];
  private running = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBatch = 64,
  ) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // The rest of this turn's arrivals join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length) await this.commit(this.pending.splice(0, this.maxBatch));
    this.running = false;
  }

  private async commit(batch: Item[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    let broken: Error | undefined;
    const lost = (e: Error) => (broken ??= e);
    client.on('error', lost);
    const outcomes: Outcome[] = [];
    try {
      await client.query('BEGIN');
      for (const item of batch) outcomes.push(await this.runOne(client, item));
      const done = await client.query('COMMIT');
      if (done.command !== 'COMMIT') throw new Error('the batch was rolled back');
    } catch (error) {
      broken ??= error as Error;
      await client.query('ROLLBACK').catch(() => {});
      for (const item of batch) item.reject(error);
      return;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (o.ok) item.resolve(o.value);
      else item.reject(o.error);
    });
  }

  private async runOne(client: pg.PoolClient, item: Item): Promise<Outcome> {
    const tx = new PgTx(client);
    await client.query('SAVEPOINT grouped');
    try {
      const value = await item.work(tx as unknown as Tx);
      tx.open = false;
      try {
        await client.query('RELEASE SAVEPOINT grouped');
      } catch {
        // A statement inside `work` failed and was caught there: the savepoint is all that can be undone.
        await client.query(UNDO);
        return { ok: false, error: new Error('the transaction was rolled back: a statement in it failed') };
      }
      return { ok: true, value };
    } catch (error) {
      tx.open = false;
      // Errors of the connection itself (the server went away) end the batch: the COMMIT cannot happen.
      await client.query(UNDO);
      return { ok: false, error };
    }
  }
}
