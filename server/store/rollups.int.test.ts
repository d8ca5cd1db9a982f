import { describe, expect, it } from 'vitest';
import { Store } from './index.js';
import { openDb } from './db.js';
import { rebuild } from './rebuild.js';
import { loadCity } from '../profile/load.js';
import { lifecycles } from '../testing/lifecycles.js';
import { expectKinerjaAsOracle, oracleKinerja } from '../testing/kinerja-oracle.js';
import { kinerja, kinerjaRange } from '../queries/kinerja.js';
import type { AgencyFigures } from '../domain/stats.js';
import type { Ctx } from '../commands/context.js';

const DAY = 86400_000;

describe('kinerja from the rollups', () => {
  const city = loadCity('tangerang');
  const now = Date.parse('2026-11-23T05:00:00Z');
  const store = new Store(openDb(':memory:'), { clock: city.clock });
  const ctx = { store, city, now: () => new Date(now) } as Ctx<Store>;
  const events = [...lifecycles(city, { reports: 3000, from: now - 60 * DAY, to: now, seed: 3 })];
  store.tx(() => events.forEach((e) => store.projector.append(e)));

  it('equals the fold of every report, for today, a week, a month, the whole history and a range that ended', async () => {
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(expect.arrayContaining(['report.rerouted', 'report.merged', 'report.unmerged', 'report.reopened', 'report.proof_returned', 'report.rejected']));
    for (const q of [{ days: 1 }, { days: 7 }, { days: 30 }, { days: 90 }, { from: '2026-10-01', to: '2026-10-20' }]) {
      const got = await expectKinerjaAsOracle(ctx, q);
      expect(got.agencies.some((a) => a.received > 0 && a.open > 0)).toBe(true);
    }
  });

  it('reads what is open now from the open counts, at a moment inside an hour, with reports received and done after it', async () => {
    // 3 h 17 min 12 s before the last event: edges inside hours, and reports received or done after the range's end.
    const earlier = { ...ctx, now: () => new Date(now - 3 * 3600_000 - 17 * 60_000 - 12_000) } as Ctx;
    expect(events.some((e) => Date.parse(e.at) > earlier.now().getTime() && e.type !== 'report.submitted')).toBe(true);
    // Only the as-of figures: today's day sums hold the events after it (which a real clock never sees).
    for (const q of [{ days: 1 }, { days: 7 }, { days: 365 }]) {
      const r = kinerjaRange(earlier, q);
      const got = await kinerja(earlier, r);
      const want = oracleKinerja(store.reports.latest(1e9), city.profile.agencies.map((a) => a.id), r, city.clock);
      const asOf = (xs: AgencyFigures[]) => xs.map(({ agencyId, open, breachedOpen, backlog }) => ({ agencyId, open, breachedOpen, backlog })).sort((a, b) => a.agencyId.localeCompare(b.agencyId));
      expect(asOf(got.agencies)).toEqual(asOf(want.agencies));
      expect(got.districts).toEqual(want.districts);
    }
  });

  it('is folded again by the rebuild, and made from the reports alone for a store older than the rollups or the open counts', () => {
    expect(rebuild(store).differences).toEqual([]);
    const before = store.rollups.rows();
    // What a store's first start after migration 022 does.
    store.refillRollups();
    expect(store.rollups.rows()).toEqual(before);
    // And after 027.
    const open = store.openCounts.rows();
    expect(open.length).toBeGreaterThan(0);
    store.refillOpenCounts();
    expect(store.openCounts.rows()).toEqual(open);
  });
});

