import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { Store } from './index.js';
import { photo, postReport, startTestHub, validReport, WallClient } from '../testing/hub.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'pantau-group-')), 'g.sqlite');

function twoConnections() {
  const path = file();
  const db = openDb(path);
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const store = new Store(db);
  // Another reader, as a second hub would be: it sees only what is committed.
  const other = new Database(path, { readonly: true });
  const committed = () => other.prepare('SELECT n FROM t ORDER BY n').pluck().all() as number[];
  const insert = (n: number) => () => (db.prepare('INSERT INTO t (n) VALUES (?)').run(n), n);
  return { store, db, committed, insert, close: () => (other.close(), store.close()) };
}

describe('durability', () => {
  it('acknowledges only what reached the disk: synchronous = FULL in WAL', () => {
    const db = openDb(file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });
});

describe('group commit', () => {
  it('commits the writes of one turn together: the first to be answered already has the others on disk', async () => {
    const { store, committed, insert, close } = twoConnections();
    const seenAtFirstAnswer: number[][] = [];
    const all = [1, 2, 3, 4].map((n) => store.txGrouped(insert(n), () => seenAtFirstAnswer.push(committed())));
    expect(committed()).toEqual([]); // nothing before the turn ends
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
    expect(seenAtFirstAnswer[0]).toEqual([1, 2, 3, 4]);
    close();
  });

  it('a write that fails is undone alone; the others of its group are kept and answered in order', async () => {
    const { store, committed, insert, close } = twoConnections();
    const order: number[] = [];
    const results = await Promise.allSettled([
      store.txGrouped(insert(1), (n) => order.push(n)),
      store.txGrouped(() => {
        insert(2)();
        throw new Error('this one breaks after writing');
      }),
      store.txGrouped(insert(1), (n) => order.push(n)), // a duplicate key: refused by SQLite, alone
      store.txGrouped(insert(3), (n) => order.push(n)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(committed()).toEqual([1, 3]);
    expect(order).toEqual([1, 3]);
    close();
  });

  it('a batch of records nobody is answered about skips the fsync, unless one of them appended an event', async () => {
    const { store, db, close } = twoConnections();
    const level = () => db.pragma('synchronous', { simple: true }) as number;
    const flushes = () => db.prepare("SELECT value FROM meta WHERE key = 'durable_mark'").pluck().get() ?? null;
    expect(await Promise.all([store.txGrouped(level, () => {}, false), store.txGrouped(level, () => {}, false)])).toEqual([1, 1]); // NORMAL
    expect(level()).toBe(2); // FULL again for everyone else
    expect(flushes()).toBeNull();
    // One write that is answered makes its whole batch durable.
    expect(await Promise.all([store.txGrouped(level, () => {}, false), store.txGrouped(level)])).toEqual([2, 2]);

    const actor = { id: 'camera-monitor', role: 'system', name: 'Pemantau kamera' } as const;
    const event = { type: 'camera.health_changed', reportId: null, at: '2026-12-02T08:00:00Z', actor, payload: { cameraId: 'c1' } } as const;
    let flushedBeforeAfter: unknown = null;
    await store.txGrouped(() => store.events.append(event), () => (flushedBeforeAfter = flushes()), false);
    expect(flushedBeforeAfter).toBe('1');
    close();
  });

  it('without grouping every write commits alone (the benches\' "before")', async () => {
    const path = file();
    const db = openDb(path, 'NORMAL');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const store = new Store(db, { groupCommit: false });
    const other = new Database(path, { readonly: true });
    const seen: number[] = [];
    await Promise.all([1, 2].map((n) => store.txGrouped(() => db.prepare('INSERT INTO t (n) VALUES (?)').run(n), () => seen.push(other.prepare('SELECT COUNT(*) FROM t').pluck().get() as number))));
    expect(seen).toEqual([1, 2]);
    other.close();
    store.close();
  });

  it('reports sent together each get their own ticket and answer, and reach the wall in seq order', async () => {
    const { hub, url } = await startTestHub();
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const photos = await Promise.all(Array.from({ length: 8 }, () => photo()));
    const answers = await Promise.all(photos.map((p, i) => postReport(url, validReport({ description: `Laporan bersamaan nomor ${i}` }), [p])));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.ticket)).size).toBe(8);
    await wall.until(() => wall.events.length === 8);
    const seqs = wall.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    wall.close();
    await hub.close();
  }, 60_000);
});
