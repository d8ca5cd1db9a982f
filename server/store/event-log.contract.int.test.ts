import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { EventLog, type LogEvent } from './events.js';
import { SqliteEventLogPort, SqliteTransactions } from './event-log-sqlite.js';
import type { EventLogPort, Transactions } from './event-log.js';
import { openPgStore } from './pg/index.js';
import { PgGroupCommit } from './pg/group-commit.js';
import { testDatabase } from '../testing/postgres.js';

/** The event log's behaviour, once, on both stores: what the async store is built on. */
type Subject = { tx: Transactions; log: EventLogPort; close: () => Promise<void> };

const stores: [string, () => Promise<Subject>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pantau-log-'));
      const db = openDb(join(dir, 'pantau.sqlite'));
      migrate(db);
      return {
        tx: new SqliteTransactions(db),
        log: new SqliteEventLogPort(new EventLog(db)),
        close: async () => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  ...(['one transaction each', 'group commit'] as const).map((mode): [string, () => Promise<Subject>] => [
    `PostgreSQL, ${mode}`,
    async () => {
      const db = await testDatabase();
      const store = await openPgStore(db.url, { poolSize: 3 });
      return {
        tx: mode === 'group commit' ? new PgGroupCommit(store.pool) : store.transactions,
        log: store.events,
        close: async () => {
          await store.close();
          await db.drop();
        },
      };
    },
  ]),
];

const operator = { id: 'op-1', role: 'operator' as const, agencyId: 'dlh', name: 'Operator Satu' };
const event = (i: number, reportId: number | null = 7): LogEvent =>
  reportId === null
    ? { type: 'display.paired', reportId: null, at: `2026-10-01T01:00:${String(i).padStart(2, '0')}.000Z`, actor: operator, payload: { i } }
    : { type: 'report.dispatched', reportId, at: `2026-10-01T01:00:${String(i).padStart(2, '0')}.000Z`, actor: operator, payload: { i, note: 'nul \u0000 and "quotes"' } };

describe.each(stores)('the event log on %s', (_name, open) => {
  let s: Subject;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(() => s.close());

  it('numbers appends 1, 2, 3... in commit order; events of one transaction are seen together; the head follows', async () => {
    expect(await s.log.headSeq()).toBe(0);
    const first = await s.tx.transaction(async (tx) => [await s.log.append(tx, event(1)), await s.log.append(tx, event(2, null))]);
    const second = await s.tx.transaction(async (tx) => s.log.append(tx, event(3, 8)));
    expect([...first, second]).toEqual([1, 2, 3]);
    expect(await s.log.headSeq()).toBe(3);
  });

  it('reads back what was appended: since() in seq order and limited, forReport() one report', async () => {
    const all = await s.log.since(0, 100);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(all[0]).toEqual({ ...event(1), seq: 1 });
    expect(all[1]).toEqual({ ...event(2, null), seq: 2 });
    expect((await s.log.since(1, 1)).map((e) => e.seq)).toEqual([2]);
    expect((await s.log.since(3, 10))).toEqual([]);
    expect((await s.log.forReport(7)).map((e) => e.seq)).toEqual([1]);
    expect((await s.log.forReport(8)).map((e) => e.seq)).toEqual([3]);
  });

  it('a rolled-back transaction leaves no gap, and its events are never seen', async () => {
    await expect(
      s.tx.transaction(async (tx) => {
        await s.log.append(tx, event(4));
        throw new Error('refused after appending');
      }),
    ).rejects.toThrow('refused after appending');
    expect(await s.log.headSeq()).toBe(3);
    expect(await s.tx.transaction((tx) => s.log.append(tx, event(5)))).toBe(4);
    expect((await s.log.since(3, 10)).map((e) => e.payload.i)).toEqual([5]);
  });

  it('keeps the others when one of several transactions started together fails, with no gap', async () => {
    const head = await s.log.headSeq();
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        s.tx.transaction(async (tx) => {
          const seq = await s.log.append(tx, event(10 + n));
          if (n === 2) throw new Error('the second one is refused');
          return seq;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))).toEqual([head + 1, head + 2]);
    expect((await s.log.since(head, 10)).map((e) => e.payload.i)).toEqual([11, 13]);
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const stale = await s.tx.transaction(async (tx) => tx);
    await expect(s.log.append(stale, event(6))).rejects.toThrow(/transaction is over/);
  });
});
