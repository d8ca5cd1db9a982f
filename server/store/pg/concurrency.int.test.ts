import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../testing/postgres.js';
import { openPool } from './pool.js';
import { migratePg } from './migrate.js';
import { PgTransactions } from './transactions.js';
import { PgEventLog } from './events.js';
import { PgGroupCommit } from './group-commit.js';
import type { Transactions } from '../event-log.js';
import type { LogEvent, StoredEvent } from '../events.js';

/**
 * Many writers on PostgreSQL at once: the seq a reader follows is gapless and in order, and what was acknowledged
 * survives the server being killed. This file kills its server, so it has a cluster of its own (not the run's).
 */
const WRITERS = 16;
const PER_WRITER = 25;

let cluster: PgCluster;
let store: EventStore;
beforeAll(async () => {
  cluster = await startPostgres();
  store = await open();
});
afterAll(async () => {
  await store?.pool.end();
  await cluster?.stop();
});

/**
 * The event log alone, on its own migration: the rest of the schema (PostGIS, 002 on) costs a second or more to
 * create on a fresh cluster and plays no part here.
 */
type EventStore = { pool: pg.Pool; transactions: PgTransactions; events: PgEventLog };
async function open(): Promise<EventStore> {
  const pool = openPool(cluster.url(), WRITERS + 2);
  const dir = mkdtempSync(join(tmpdir(), 'pantau-pg-log-'));
  copyFileSync(join(import.meta.dirname, 'migrations', '001_event_log.sql'), join(dir, '001_event_log.sql'));
  await migratePg(pool, dir);
  rmSync(dir, { recursive: true });
  return { pool, transactions: new PgTransactions(pool), events: new PgEventLog(pool) };
}

const actor = { id: 'writer', role: 'operator' as const, agencyId: 'dlh', name: 'Penulis' };
const event = (key: string): LogEvent => ({ type: 'report.noted', reportId: 1, at: new Date().toISOString(), actor, payload: { key } });

/** One transaction of two appends, with a read between them: a window in which other writers' transactions run. */
const appendPair = (s: EventStore, t: Transactions, key: string) =>
  t.transaction(async (tx) => {
    const a = await s.events.append(tx, event(`${key}a`));
    await s.events.headSeq();
    const b = await s.events.append(tx, event(`${key}b`));
    return [a, b];
  });

/** Follows the log with since() until `done()` and the head is reached; fails on the first gap or reordering. */
async function follow(s: EventStore, from: number, done: () => boolean): Promise<StoredEvent[]> {
  const seen: StoredEvent[] = [];
  for (;;) {
    const finished = done();
    const batch = await s.events.since(from + seen.length, 64);
    batch.forEach((e, i) => {
      const expected = from + seen.length + i + 1;
      if (e.seq !== expected) throw new Error(`after seq ${expected - 1} the reader saw seq ${e.seq}`);
    });
    seen.push(...batch);
    if (finished && batch.length === 0) return seen;
  }
}

describe.each(['one transaction each', 'group commit'] as const)('the PostgreSQL event log under concurrent writers (%s)', (mode) => {
  const transactions = () => (mode === 'group commit' ? new PgGroupCommit(store.pool) : store.transactions);
  it('a reader following the log never sees a gap or a later seq before an earlier one', async () => {
    const t = transactions();
    const from = await store.events.headSeq();
    let running = WRITERS;
    const acked = new Map<string, number>();
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      let last = 0;
      for (let n = 0; n < PER_WRITER; n++) {
        const [a, b] = await appendPair(store, t, `w${w}n${n}`);
        // One transaction's events are consecutive, and a writer's later transaction commits after its earlier one.
        expect(b).toBe(a + 1);
        expect(a).toBeGreaterThan(last);
        last = b;
        acked.set(`w${w}n${n}a`, a).set(`w${w}n${n}b`, b);
      }
      running--;
    });
    const [seen] = await Promise.all([follow(store, from, () => running === 0), ...writers]);
    expect(seen.length).toBe(WRITERS * PER_WRITER * 2);
    expect(await store.events.headSeq()).toBe(from + seen.length);
    // What each writer was told is what the log holds.
    for (const e of seen) expect(acked.get(e.payload.key as string)).toBe(e.seq);
  });

  it('keeps every acknowledged append when the server is killed mid-stream (SIGKILL), and stays gapless', async () => {
    const t = transactions();
    const before = await store.events.headSeq();
    const acked = new Map<string, number>();
    const KILL_AFTER = 150;
    let reached!: () => void;
    const enough = new Promise<void>((r) => (reached = r));
    const failures: unknown[] = [];
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; ; n++) {
        try {
          const [a, b] = await appendPair(store, t, `k${w}n${n}`);
          acked.set(`k${w}n${n}a`, a).set(`k${w}n${n}b`, b);
          if (acked.size >= KILL_AFTER * 2) reached();
        } catch (e) {
          failures.push(e); // the server died under this transaction: not acknowledged, may or may not be there
          return;
        }
      }
    });
    // Killed once enough is acknowledged; should the writers all stop before that, say so instead of waiting.
    const stopped = Promise.all(writers).then(() => Promise.reject(new Error(`writers stopped after ${acked.size} appends: ${failures[0]}`)));
    await Promise.race([enough, stopped]);
    await cluster.crash();
    await Promise.all(writers);
    expect(failures).toHaveLength(WRITERS);

    await store.pool.end();
    await cluster.restart();
    store = await open();
    const head = await store.events.headSeq();
    const log = await store.events.since(before, head);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: head - before }, (_, i) => before + i + 1));
    const bySeq = new Map(log.map((e) => [e.seq, e.payload.key]));
    for (const [key, seq] of acked) expect(bySeq.get(seq)).toBe(key);
    // An unacknowledged transaction is all there or not at all: never half of a pair.
    const keys = new Set(log.map((e) => e.payload.key as string));
    for (const k of keys) expect(keys.has(k.endsWith('a') ? `${k.slice(0, -1)}b` : `${k.slice(0, -1)}a`)).toBe(true);
    // And the log goes on from where it was.
    const [next] = await appendPair(store, transactions(), 'after-restart');
    expect(next).toBe(head + 1);
  });
});
