import { ownTx, type Transactions, type Tx } from '../event-log.js';
import { runLater, type Step } from '../step.js';
import { PgTx } from './transactions.js';

/**
 * Runs a command's step on PostgreSQL (server/store/step.ts). The stream head is locked first, before the step reads
 * the clock or a row: writers then follow one another as on SQLite (whose BEGIN IMMEDIATE takes its one write lock),
 * so a step's time never goes back against its seq, two copies of one submission find each other's client id instead
 * of one failing on the key, report ids follow seq, and a step that decides on a row it read (a camera's health, a
 * lease) decides on the latest. `make` is called once the lock is held: read the clock in it. Under PgGroupCommit
 * the batch's first command takes the lock for the batch.
 */
export function pgCommand<T>(transactions: Transactions, make: (tx: Tx) => Step<T>): Promise<T> {
  return transactions.transaction(async (tx) => {
    await ownTx(tx, PgTx).client.query({ name: 'event-head-lock', text: 'SELECT seq FROM event_head FOR UPDATE' });
    return runLater(make(tx));
  });
}
