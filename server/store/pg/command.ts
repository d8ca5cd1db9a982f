import { ownTx, type Transactions, type Tx } from '../event-log.js';
import { runLater, type Step } from '../step.js';
import { PgTx } from './transactions.js';
import { PgGroupCommit } from './group-commit.js';
import { pgPorts } from './ports.js';
import type { StepStore } from '../ports.js';
import type { PgStore } from './index.js';
import type { PgProjector } from './projector.js';

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

/**
 * Store.command and Store.commandGrouped on PostgreSQL: each step in pgCommand over the ports of its transaction,
 * grouped ones sharing a PgGroupCommit batch (one WAL flush). `durable` is SQLite's (a probe's row not waited onto
 * the disk); on PostgreSQL every commit is flushed.
 */
export function pgStepStore(pg: PgStore, projector: PgProjector): StepStore {
  const probesSincePrune = new Map<string, number>();
  const group = new PgGroupCommit(pg.pool);
  const ports = (tx: Tx) => pgPorts(tx, projector, probesSincePrune);
  return {
    storeId: pg.storeId,
    query: (make) => pg.transactions.read((tx) => runLater(make(ports(tx)))),
    command: (make) => pgCommand(pg.transactions, (tx) => make(ports(tx))),
    // Not the city's record (presence, counters): its COMMIT does not wait for the flush, as SQLite's write does not.
    write: (make) =>
      pg.transactions.transaction(async (tx) => {
        await ownTx(tx, PgTx).client.query('SET LOCAL synchronous_commit = off');
        return runLater(make(ports(tx)));
      }),
    commandGrouped: (make, after = () => {}) =>
      pgCommand(group, (tx) => make(ports(tx))).then((value) => {
        after(value);
        return value;
      }),
  };
}
