import type pg from 'pg';
import type { Tx } from '../../event-log.js';
import type { StoredEvent } from '../../events.js';
import type { Projected } from '../../projections/types.js';

/**
 * One projection of the log on PostgreSQL: server/store/projections/types.ts's Projection, async and inside a `Tx` of
 * PgTransactions. Same names, same order of registration, same fold (the domain functions): only the SQL differs.
 */
export type PgProjection = {
  name: string;
  handles: (type: string) => boolean;
  project: (tx: Tx, e: StoredEvent, before: Projected) => Promise<Projected>;
  /** Every row the log decides, in a stable order, with the columns the SQLite projection's snapshot has. */
  snapshot: (db: pg.Pool | pg.PoolClient) => Promise<Record<string, unknown>[]>;
};
