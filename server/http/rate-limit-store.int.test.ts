import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Options } from 'express-rate-limit';
import { Store } from '../store/index.js';
import { SharedRateLimitStore } from './rate-limit-store.js';

// Two hubs on one store, each with its own connection (as two processes would have) and its own limiter instance.
const file = join(mkdtempSync(join(tmpdir(), 'pantau-limits-')), 'pantau.sqlite');
const hubA = Store.open(file);
const hubB = Store.open(file);
afterAll(() => (hubA.close(), hubB.close()));

const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
const now = () => new Date(clock.t);
const WINDOW = 10 * 60_000;
const limiter = (store: Store, name: string) => {
  const s = new SharedRateLimitStore(store, `${name}|`, now);
  s.init({ windowMs: WINDOW } as Options);
  return s;
};

describe('flood-limit counters in the shared store', () => {
  it('counts one source’s hits on every hub together, in a window from its first hit', async () => {
    const a = limiter(hubA, 'reports');
    const b = limiter(hubB, 'reports');
    expect(await a.increment('ip:10.1.1.1')).toEqual({ totalHits: 1, resetTime: new Date(clock.t + WINDOW) });
    clock.t += 60_000;
    expect(await b.increment('ip:10.1.1.1')).toEqual({ totalHits: 2, resetTime: new Date(clock.t - 60_000 + WINDOW) });
    expect((await a.increment('ip:10.1.1.1')).totalHits).toBe(3);
    expect(b.get('ip:10.1.1.1')?.totalHits).toBe(3);
    await b.decrement('ip:10.1.1.1');
    expect(a.get('ip:10.1.1.1')?.totalHits).toBe(2);
    // Another source, and another limiter counting the same key, start at one.
    expect((await b.increment('ip:10.2.2.2')).totalHits).toBe(1);
    expect((await limiter(hubA, 'login-ip').increment('ip:10.1.1.1')).totalHits).toBe(1);
  });

  it('starts a new window once the old one has ended, and sweeps the ended ones', async () => {
    const a = limiter(hubA, 'open311');
    await a.increment('key:k1');
    await a.increment('key:k1');
    clock.t += WINDOW;
    expect(a.get('key:k1')).toBeUndefined();
    expect(await a.increment('key:k1')).toEqual({ totalHits: 1, resetTime: new Date(clock.t + WINDOW) });
    // Everything before this window has ended: only the fresh open311 row is left.
    expect(hubB.rateLimitHits.sweep(now())).toBe(3);
    expect(a.get('key:k1')?.totalHits).toBe(1);
    await a.resetKey('key:k1');
    expect(a.get('key:k1')).toBeUndefined();
  });
});
