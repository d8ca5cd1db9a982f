import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { testDatabase } from '../../testing/postgres.js';
import { startOutboxWorker, type OutboxWorker } from '../../jobs/outbox-worker.js';
import { openPgStore, type PgStore } from './index.js';
import { pgOutboxQueue } from './outbox.js';

/**
 * The outbox worker on PostgreSQL (pg/outbox.ts): hubs claiming together each take other messages (FOR UPDATE SKIP
 * LOCKED), every message reaches its receiver once, a failure is retried after its backoff, and a dead hub's claim
 * runs out and is taken by a live one. The same worker on SQLite is in jobs/outbox.int.test.ts.
 */
const db = await testDatabase();
const pg = await openPgStore(db.url, { poolSize: 6 });
const got = new Map<string, number>();
let failFirst = 0;
const server: Server = createServer(async (req, res) => {
  for await (const _ of req);
  const key = String(req.headers['idempotency-key']);
  if (failFirst > 0) {
    failFirst--;
    return void res.writeHead(503).end();
  }
  got.set(key, (got.get(key) ?? 0) + 1);
  // Answered a turn later, so several sends are in flight together.
  setImmediate(() => res.writeHead(200).end());
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pantau`;
const workers: OutboxWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.stop();
  await new Promise<void>((r) => server.close(() => r()));
  await pg.close();
  await db.drop();
});

const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
const now = () => new Date(clock.t);
const silent = pino({ level: 'silent' });
const worker = (store: PgStore, owner: string) => {
  const w = startOutboxWorker({ outbox: pgOutboxQueue(store), now }, { owner, log: silent, everyMs: 3_600_000, batch: 5, claimMs: 30_000 });
  workers.push(w);
  return w;
};
const queue = async (first: number, n: number) => {
  for (let seq = first; seq < first + n; seq++)
    await pg.pool.query('INSERT INTO outbox (seq, agency_id, url, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)', [seq, 'dkp', url, JSON.stringify({ seq }), now().toISOString()]);
};
const pending = async () => (await pg.pool.query("SELECT COUNT(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL")).rows[0].n as number;

describe('the outbox worker on PostgreSQL', () => {
  it('delivers each message once while two hubs claim at the same time', async () => {
    const [a, b] = [worker(pg, 'hub-a'), worker(pg, 'hub-b')];
    await queue(1, 30);
    // Both tick together until nothing is due: each claim takes rows the other has not.
    while ((await pending()) > 0) await Promise.all([a.tick(), b.tick()]);
    expect([...got.keys()].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `${pg.storeId}:${i + 1}`).sort());
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await pg.pool.query('SELECT COUNT(*) FILTER (WHERE claimed_by IS NULL AND attempts = 1 AND delivered_at IS NOT NULL)::int AS settled FROM outbox');
    expect(rows[0].settled).toBe(30);
  });

  it('gives two claims made at the same moment different messages', async () => {
    await queue(50, 10);
    const at = now().toISOString();
    const until = new Date(clock.t + 30_000).toISOString();
    const [x, y] = await Promise.all([pgOutboxQueue(pg).claim('hub-x', at, until, 5), pgOutboxQueue(pg).claim('hub-y', at, until, 5)]);
    const seqs = [...x, ...y].map((m) => m.seq);
    expect([x.length, y.length, new Set(seqs).size]).toEqual([5, 5, 10]);
    // Given back for the next test: as if both claims ran out.
    await pg.pool.query('UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE seq BETWEEN 50 AND 59');
    while ((await pending()) > 0) await workers[0].tick();
  });

  it('retries a failed send after its backoff, and a dead hub\'s claim is taken once it runs out', async () => {
    got.clear();
    await queue(100, 2);
    failFirst = 1;
    const live = worker(pg, 'hub-live');
    // Ticks (joining the one it starts with) until one finds nothing due: what a hub's timer does over time.
    const settle = async () => {
      while ((await live.tick()) > 0);
    };
    await settle();
    expect(got.size).toBe(1);
    const failed = (await pg.pool.query('SELECT attempts, last_error AS "lastError", next_attempt_at > $1 AS later FROM outbox WHERE delivered_at IS NULL', [now().toISOString()])).rows;
    expect(failed).toEqual([{ attempts: 1, lastError: 'HTTP 503', later: true }]);
    // Not before its backoff; then it goes.
    clock.t += 3600_000;
    await settle();
    expect(got.size).toBe(2);

    // A hub claims a message and dies before sending it: nobody sends it while the claim holds, the live hub after.
    await queue(200, 1);
    expect((await pgOutboxQueue(pg).claim('hub-dead', now().toISOString(), new Date(clock.t + 30_000).toISOString(), 5)).map((m) => m.seq)).toEqual([200]);
    await settle();
    expect(got.has(`${pg.storeId}:200`)).toBe(false);
    clock.t += 31_000;
    await settle();
    expect(got.get(`${pg.storeId}:200`)).toBe(1);
    expect(await pending()).toBe(0);
  });
});
