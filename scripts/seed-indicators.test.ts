import { describe, expect, it } from 'vitest';
import { openSeedCtx } from './seed.js';
import { seedDemoIndicators } from './seed-indicators.js';
import { testConfig } from '../server/testing/hub.js';
import { copyOfTemplate } from '../server/testing/templates.js';
import { buildBoard } from '../server/domain/indicator-board.js';
import { indicatorSpecs } from '../server/profile/indicators.js';

describe('demo indicators', () => {
  it('records a year of figures per indicator as events, with a correction, and agencies that differ', async () => {
    const config = testConfig(await copyOfTemplate('accounts'));
    const { ctx, store, city } = openSeedCtx(config);
    const now = new Date('2026-11-23T03:00:00Z');
    const n = await seedDemoIndicators(ctx, now);
    expect(n).toBeGreaterThan(12 * city.profile.agencies.length);
    expect(store.indicators.list().filter((v) => v.indicatorId === 'dkp.anggaran').map((v) => v.period)).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(store.indicators.history(`${city.profile.agencies[0].id}.anggaran`)[0].type).toBe('indicator.corrected');
    const events = store.events.since(0, 1e6).filter((e) => e.type.startsWith('indicator.'));
    expect(events.every((e) => e.at <= now.toISOString())).toBe(true);
    const board = buildBoard([...indicatorSpecs(city).values()], city.profile.projects, city.profile.agencies.map((a) => a.id), store.indicators.list(), now, city.clock);
    expect(new Set(board.league.map((l) => l.score)).size).toBeGreaterThan(2);
    expect(board.projects.every((p) => p.progress !== null)).toBe(true);
    expect(new Set(board.indicators.map((i) => i.latest?.status)).size).toBeGreaterThanOrEqual(2);
    expect(await seedDemoIndicators(ctx, now)).toBe(0);
    store.close();
  }, 60_000);
});
