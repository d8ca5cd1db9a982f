import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { openPgStore } from './index.js';
import { PgGroupCommit } from './group-commit.js';

const db = await testDatabase();
const store = await openPgStore(db.url, { poolSize: 2 });
afterAll(async () => {
  await store.close();
  await db.drop();
});

const at = '2026-10-01T01:00:00.000Z';
const actor = { id: 'sys', role: 'admin' as const, agencyId: null, name: 'Sistem' };

describe('the PostgreSQL store', () => {
  it('keeps the log append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await store.transactions.transaction((tx) => store.events.append(tx, { type: 'display.paired', reportId: null, at, actor, payload: {} }));
    for (const sql of ['UPDATE events SET type = $1', 'DELETE FROM events WHERE type = $1', 'TRUNCATE events'])
      await expect(store.pool.query(sql, sql.includes('$1') ? ['display.paired'] : [])).rejects.toThrow(/append-only/);
    expect(await store.events.headSeq()).toBe(1);
  });

  it.each(['one transaction each', 'group commit'])('does not report a commit when a statement inside the transaction failed and was caught (%s)', async (mode) => {
    const transactions = mode === 'group commit' ? new PgGroupCommit(store.pool) : store.transactions;
    await expect(
      transactions.transaction(async (tx) => {
        await store.events.append(tx, { type: 'display.paired', reportId: null, at, actor, payload: {} });
        await store.pool.query('SELECT 1'); // another connection: unaffected
        await (tx as unknown as { client: { query: (s: string) => Promise<unknown> } }).client.query('SELECT no_such_column FROM events').catch(() => {});
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await store.events.headSeq()).toBe(1);
  });

  it('gives a database its own storeId at first open, kept across opens', async () => {
    const again = await openPgStore(db.url, { poolSize: 1 });
    expect(again.storeId).toBe(store.storeId);
    await again.close();
    const other = await testDatabase();
    const copy = await openPgStore(other.url, { poolSize: 1 });
    expect(copy.storeId).not.toBe(store.storeId);
    await copy.close();
    await other.drop();
  });
});
