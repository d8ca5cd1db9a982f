import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { openPgStore, type PgStore } from './index.js';
import { listenForEvents } from './notify.js';

/** The log's commit notifications (migration 018): one per committing transaction that appended, none for a rollback. */
const db = await testDatabase();
let pg: PgStore;
beforeAll(async () => {
  pg = await openPgStore(db.url, { poolSize: 2 });
});
afterAll(async () => {
  await pg?.close();
  await db.drop();
});

const event = { type: 'display.paired' as const, reportId: null, at: '2026-12-07T10:00:00.000Z', actor: { id: 'admin', role: 'admin' as const }, payload: {} };

describe('the log notifications', () => {
  it('tell a listener once a transaction that appended has committed, and nothing for one rolled back', async () => {
    let heard = 0;
    const wake: (() => void)[] = [];
    const listener = listenForEvents(db.url, () => (heard++, wake.splice(0).forEach((w) => w())), { warn: () => {} });
    const next = () => new Promise<void>((r) => wake.push(r));
    try {
      await listener.ready;
      // Once listening it reads what may have been missed before: one call of its own.
      const base = heard;
      const commit = async (n: number) => {
        const woken = next();
        await pg.transactions.transaction(async (tx) => {
          for (let k = 0; k < n; k++) await pg.events.append(tx, event);
        });
        await woken;
      };
      await commit(1);
      await expect(pg.transactions.transaction(async (tx) => {
        await pg.events.append(tx, event);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      // Two events in one transaction, then one more: notifications arrive in commit order, so once the last is heard
      // every earlier one has been: one each, none for the rollback.
      await commit(2);
      await commit(1);
      expect(heard - base).toBe(3);
    } finally {
      await listener.close();
    }
  });
});
