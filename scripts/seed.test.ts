import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSeedCtx, seedDemo } from './seed.js';
import { testConfig } from '../server/testing/hub.js';
import { foldReports } from '../server/domain/replay.js';
import { PHASE_OF } from '../server/contract/reports.js';

describe('demo seed', () => {
  it('fills the city with reports in every phase, spread over districts, each a real event history', async () => {
    const config = testConfig(mkdtempSync(join(tmpdir(), 'pantau-seed-')));
    const { ctx, store, city } = openSeedCtx(config);
    const now = new Date('2026-11-23T03:00:00Z');
    expect(await seedDemo(ctx, { count: 300, days: 30, now })).toBe(300);
    const counts = store.reports.countByStatus();
    const phases = new Set(Object.keys(counts).map((s) => PHASE_OF[s as keyof typeof PHASE_OF]));
    expect([...phases].sort()).toEqual(['green', 'grey', 'red', 'yellow']);
    const reports = [...foldReports(store.events.since(0, 1e7)).values()];
    expect(new Set(reports.map((r) => r.districtCode)).size).toBe(city.districts.length);
    for (const r of reports) expect(store.reports.get(r.id)).toEqual(r);
    const times = store.events.since(0, 1e7).map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(times.at(-1)! <= now.toISOString()).toBe(true);
    store.close();
  }, 60_000);
});
