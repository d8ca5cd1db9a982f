import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { openPool } from './pool.js';
import { migratePg } from './migrate.js';
import { PgTransactions } from './transactions.js';
import { PgEventLog } from './events.js';

/**
 * The PostgreSQL store, so far its event log (issue 19 grows it into the whole store behind the async interface of
 * server/store/event-log.ts). Migrates at open, as the SQLite store does.
 */
export type PgStore = {
  readonly pool: pg.Pool;
  readonly transactions: PgTransactions;
  readonly events: PgEventLog;
  /** Identifies this database: a client holding seqs from another store must take a fresh snapshot. */
  readonly storeId: string;
  close(): Promise<void>;
};

/** `schema`: the city's own schema in a database that several cities share (server/installation.ts). */
export async function openPgStore(url: string, opts: { poolSize?: number; schema?: string | null } = {}): Promise<PgStore> {
  const pool = openPool(url, opts.poolSize, opts.schema ?? null);
  try {
    await migratePg(pool, undefined, opts.schema ?? null);
    // Set at first open, not in a migration: a database copied from another (a test template) gets its own.
    await pool.query("INSERT INTO meta (key, value) VALUES ('store_id', $1) ON CONFLICT (key) DO NOTHING", [randomUUID()]);
    const { rows } = await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'store_id'");
    return { pool, transactions: new PgTransactions(pool), events: new PgEventLog(pool), storeId: rows[0].value, close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw e;
  }
}
