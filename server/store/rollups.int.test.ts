import { describe, expect, it } from 'vitest';
import { Store } from './index.js';
import { openDb } from './db.js';
import { rebuild } from './rebuild.js';
import { loadCity } from '../profile/load.js';
import { lifecycles } from '../testing/lifecycles.js';
import { expectKinerjaAsOracle } from '../testing/kinerja-oracle.js';
import type { Ctx } from '../commands/context.js';

const DAY = 86400_000;

describe('kinerja from the rollups', () => {
  const city = loadCity('tangerang');
  const now = Date.parse('2026-11-23T05:00:00Z');
  const store = new Store(openDb(':memory:'), { clock: city.clock });
  const ctx = { store, city, now: () => new Date(now) } as Ctx;
  const events = [...lifecycles(city, { reports: 3000, from: now - 60 * DAY, to: now, seed: 3 })];
  store.tx(() => events.forEach((e) => store.projector.append(e)));

  it('equals the fold of every report, for today, a week, a month, the whole history and a range that ended', () => {
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(expect.arrayContaining(['report.rerouted', 'report.merged', 'report.unmerged', 'report.reopened', 'report.proof_returned', 'report.rejected']));
    for (const q of [{ days: 1 }, { days: 7 }, { days: 30 }, { days: 90 }, { from: '2026-10-01', to: '2026-10-20' }]) {
      const got = expectKinerjaAsOracle(ctx, q);
      expect(got.agencies.some((a) => a.received > 0 && a.open > 0)).toBe(true);
    }
  });

  it('is folded again by the rebuild, and made from the reports alone for a store older than the rollups', () => {
    expect(rebuild(store).differences).toEqual([]);
    const before = store.rollups.rows();
    // What a store's first start after migration 022 does.
    store.refillRollups();
    expect(store.rollups.rows()).toEqual(before);
  });
});

