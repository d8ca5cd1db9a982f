import { describe, expect, it } from 'vitest';
import { openSeedCtx, seedDemo } from './seed.js';
import { testConfig } from '../server/testing/hub.js';
import { copyOfTemplate } from '../server/testing/templates.js';
import { foldReports } from '../server/domain/replay.js';
import { PHASE_OF } from '../server/contract/reports.js';

describe('demo seed', () => {
  it('fills the city with reports in every phase, spread over districts, each a real event history', async () => {
    // The demo accounts come from the run's template (hashing their passwords is most of seeding them).
    const config = testConfig(await copyOfTemplate('accounts'));
    const { ctx, store, city } = openSeedCtx(config);
    const now = new Date('2026-11-23T03:00:00Z');
    // Enough reports for every phase and every kecamatan (the demo seeds 400).
    expect(await seedDemo(ctx, { count: 120, days: 30, now })).toBe(120);
    const counts = store.reports.countByStatus();
    const phases = new Set(Object.keys(counts).map((s) => PHASE_OF[s as keyof typeof PHASE_OF]));
    expect([...phases].sort()).toEqual(['green', 'grey', 'red', 'yellow']);
    const reports = [...foldReports(store.events.since(0, 1e7)).values()];
    expect(new Set(reports.map((r) => r.districtCode)).size).toBe(city.districts.length);
    for (const r of reports) expect(store.reports.get(r.id)).toEqual(r);
    // The reports' histories read in time order (the accounts came with the run's template, made at its own time).
    const times = store.events.since(0, 1e7).filter((e) => e.reportId !== null).map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(times.at(-1)! <= now.toISOString()).toBe(true);
    store.close();
  }, 180_000);
});
