import type { LogEvent, StoredEvent } from './events.js';

/**
 * The async face of the store, which both stores implement: SQLite (synchronous underneath, server/store/
 * event-log-sqlite.ts) and PostgreSQL (server/store/pg/). Commands will await one transaction that decides, appends
 * and projects; this is its first part, the event log. The rest of the store (projector, tables, queries) moves
 * behind the same `Tx` next.
 */

declare const txBrand: unique symbol;
/** One open transaction, handed to the work that runs in it. Opaque: only the store that opened it can use it. */
export interface Tx {
  readonly [txBrand]: true;
}

export interface Transactions {
  /**
   * Runs `work` in one transaction and resolves after COMMIT, with what `work` resolved to; a throw rolls everything
   * back and rejects with it. A `tx` used after its transaction ended is refused.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * The event log, the single source of truth. seq is gapless and in commit order in both stores: a reader never
 * sees seq N+1 before N, and a rolled-back append leaves no hole (the wall reads a hole as "catch up").
 */
export interface EventLogPort {
  /** Appends one event in `tx` and resolves to its seq (visible to others once `tx` commits). */
  append(tx: Tx, e: LogEvent): Promise<number>;
  /** The last committed seq; 0 for an empty log. */
  headSeq(): Promise<number>;
  /** Up to `limit` events after `seq`, in seq order. */
  since(seq: number, limit: number): Promise<StoredEvent[]>;
  /** Every event of one report, in seq order. */
  forReport(reportId: number): Promise<StoredEvent[]>;
}

/** Refuses a `tx` that is not `kind`'s own, or whose transaction is over; returns it as that kind. */
export function ownTx<T extends { open: boolean }>(tx: Tx, kind: abstract new (...args: never[]) => T): T {
  if (!(tx instanceof kind)) throw new Error(`a transaction of another store was passed to ${kind.name}`);
  if (!tx.open) throw new Error('this transaction is over: append inside the transaction() callback');
  return tx;
}
