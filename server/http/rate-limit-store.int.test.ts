import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Options } from 'express-rate-limit';
import { Store } from '../store/index.js';
import type { StepStore } from '../store/ports.js';
import { SharedRateLimitStore } from './rate-limit-store.js';
import { testDatabase } from '../testing/postgres.js';
import { openPgStore, type PgStore } from '../store/pg/index.js';
import { PgProjector, pgProjections } from '../store/pg/projector.js';
import { pgStepStore } from '../store/pg/command.js';
import { cityClock } from '../domain/time.js';

// Two hubs on one store, each with its own connection (as two processes would have) and its own limiter instance:
// two SQLite connections to one file, and two PostgreSQL pools on one database.
const file = join(mkdtempSync(join(tmpdir(), 'pantau-limits-')), 'pantau.sqlite');
const sqlite = [Store.open(file), Store.open(file)];
const db = await testDatabase();
const pools: PgStore[] = [];
const stores: Record<string, StepStore[]> = { SQLite: sqlite, PostgreSQL: [] };
beforeAll(async () => {
  for (let i = 0; i < 2; i++) pools.push(await openPgStore(db.url, { poolSize: 2 }));
  stores.PostgreSQL = pools.map((pg) => pgStepStore(pg, new PgProjector(pg.events, pgProjections(cityClock('Asia/Jakarta')))));
});
afterAll(async () => {
  sqlite.forEach((s) => s.close());
  for (const pg of pools) await pg.close();
  await db.drop();
});

const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
const now = () => new Date(clock.t);
const WINDOW = 10 * 60_000;
const limiter = (store: StepStore, name: string) => {
  const s = new SharedRateLimitStore(store, `${name}|`, now);
  s.init({ windowMs: WINDOW } as Options);
  return s;
};

describe.each(['SQLite', 'PostgreSQL'])('flood-limit counters in the shared store, on %s', (kind) => {
  it('counts one source’s hits on every hub together, in a window from its first hit', async () => {
    const [hubA, hubB] = stores[kind];
    const a = limiter(hubA, 'reports');
    const b = limiter(hubB, 'reports');
    expect(await a.increment('ip:10.1.1.1')).toEqual({ totalHits: 1, resetTime: new Date(clock.t + WINDOW) });
    clock.t += 60_000;
    expect(await b.increment('ip:10.1.1.1')).toEqual({ totalHits: 2, resetTime: new Date(clock.t - 60_000 + WINDOW) });
    expect((await a.increment('ip:10.1.1.1')).totalHits).toBe(3);
    expect((await b.get('ip:10.1.1.1'))?.totalHits).toBe(3);
    await b.decrement('ip:10.1.1.1');
    expect((await a.get('ip:10.1.1.1'))?.totalHits).toBe(2);
    // Another source, and another limiter counting the same key, start at one.
    expect((await b.increment('ip:10.2.2.2')).totalHits).toBe(1);
    expect((await limiter(hubA, 'login-ip').increment('ip:10.1.1.1')).totalHits).toBe(1);
  });

  it('starts a new window once the old one has ended, and sweeps the ended ones', async () => {
    const [hubA, hubB] = stores[kind];
    const a = limiter(hubA, 'open311');
    await a.increment('key:k1');
    await a.increment('key:k1');
    clock.t += WINDOW;
    expect(await a.get('key:k1')).toBeUndefined();
    expect(await a.increment('key:k1')).toEqual({ totalHits: 1, resetTime: new Date(clock.t + WINDOW) });
    // Everything before this window has ended: only the fresh open311 row is left.
    expect(await hubB.write((p) => p.runs.sweepLimits(now()))).toBe(3);
    expect((await a.get('key:k1'))?.totalHits).toBe(1);
    await a.resetKey('key:k1');
    expect(await a.get('key:k1')).toBeUndefined();
  });
});
