import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { openPgStore } from './index.js';
import { PgGroupCommit } from './group-commit.js';
import { PgProjector, pgProjections } from './projector.js';
import { cityClock } from '../../domain/time.js';

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

  it('says what a camera event made of the camera, for the screens, as SQLite\'s projection does; a removed one once more as it was', async () => {
    const projector = new PgProjector(store.events, pgProjections(cityClock('Asia/Jakarta')));
    const camera = { type: 'camera.added' as const, reportId: null, at, actor, payload: { cameraId: 'cam-pg', name: 'Simpang', kind: 'traffic', location: [106.63, -6.18], intervalS: 5, live: false, via: 'console' } };
    const dark = { type: 'camera.health_changed' as const, reportId: null, at, actor, payload: { cameraId: 'cam-pg', from: null, to: 'offline', reason: 'failed' } };
    const gone = { type: 'camera.removed' as const, reportId: null, at, actor, payload: { cameraId: 'cam-pg', reason: 'Dibongkar' } };
    const [a, b, c] = await store.transactions.transaction(async (tx) => [await projector.append(tx, camera), await projector.append(tx, dark), await projector.append(tx, gone)]);
    expect(a.camera).toEqual({ id: 'cam-pg', name: 'Simpang', kind: 'traffic', lng: 106.63, lat: -6.18, health: null, healthSince: null, reason: null, alert: null, lastGoodAt: null, snapshotAt: null, live: false, disabled: false, lastSeq: a.seq });
    expect(b.camera).toMatchObject({ health: 'offline', healthSince: at, reason: 'failed', alert: 'open', lastSeq: b.seq });
    expect(c.camera).toMatchObject({ id: 'cam-pg', health: 'offline', lastSeq: c.seq });
    expect((await store.pool.query("SELECT COUNT(*)::int AS n FROM cameras WHERE id = 'cam-pg'")).rows[0].n).toBe(0);
    expect((await store.pool.query("SELECT health, to_at FROM camera_health_spans WHERE camera_id = 'cam-pg'")).rows).toEqual([{ health: 'offline', to_at: at }]);
  });
});
