import { describe, expect, it } from 'vitest';
import { seedAccounts } from '../../scripts/seed-accounts.js';
import { startTestHub } from '../testing/hub.js';
import { createWeek } from '../testing/week.js';
import { createApiClient, revokeApiClient } from '../commands/api-clients.js';
import { assignLayout } from '../commands/layouts.js';
import { pairDisplay } from '../commands/displays.js';
import { setAccountDisabled } from '../commands/accounts.js';
import { rebuild } from './rebuild.js';
import { expectKinerjaAsOracle } from '../testing/kinerja-oracle.js';
import { localDay } from '../domain/time.js';

const admin = { id: 'admin-test', role: 'admin' as const, name: 'Admin' };

describe('rebuild: the log gives every projection again', () => {
  it('finds no difference on the demo seed, and backfills what a later column left empty', async () => {
    // The run's demo store (reports in every state, indicators, a camera gone dark), and an event of every other kind.
    const { hub } = await startTestHub({}, { from: 'demo' });
    const { ctx } = hub;
    const store = ctx.store;
    const key = await createApiClient(ctx, admin, { name: 'SP4N-LAPOR', scopes: ['open311'] });
    expect(key.ok && (await revokeApiClient(ctx, admin, key.value.client.id)).ok).toBe(true);
    const display = await pairDisplay(ctx, admin, 'Layar utama');
    expect((await assignLayout(ctx, admin, display.id, { kind: 'single', view: { view: 'performance' } })).ok).toBe(true);
    expect((await setAccountDisabled(ctx, admin, store.accounts.list()[0].id, true)).ok).toBe(true);

    const clean = rebuild(store);
    expect(clean.events).toBe(store.events.headSeq());
    expect(clean.differences).toEqual([]);

    // A store migrated before 006: the performance moments were never filled in. Rebuilding fills them from the log.
    const done = store.db.prepare("UPDATE reports SET first_dispatched_at = NULL, verified_at = NULL, done_at = NULL, reopen_count = 0, return_count = 0 WHERE first_dispatched_at IS NOT NULL OR done_at IS NOT NULL").run().changes;
    expect(done).toBeGreaterThan(10);
    const stale = rebuild(store);
    expect(stale.differences.length).toBe(done);
    expect(stale.differences.every((d) => d.projection === 'reports')).toBe(true);
    expect(rebuild(store, { write: true }).written).toBe(done);
    expect(rebuild(store).differences).toEqual([]);
    await hub.close();
  }, 240_000);

  it('finds no difference after a simulated week of reports, deadlines and cameras, and its kinerja is the reports\' fold', async () => {
    let clock = new Date('2026-11-16T00:00:00Z');
    const { hub } = await startTestHub({}, { now: () => clock });
    await seedAccounts(hub.ctx);
    const week = createWeek(hub, (d) => (clock = d), clock, { reportsPerHour: 1 });
    for (let h = 0; h < 24 * 7; h++) await week.hour();
    expect(week.counts.reports).toBeGreaterThan(100);
    expect(week.counts.flags).toBeGreaterThan(0);
    expect(week.counts.cameraChanges).toBeGreaterThan(5);
    const r = rebuild(hub.ctx.store);
    expect(r.events).toBe(hub.ctx.store.events.headSeq());
    expect(r.differences).toEqual([]);
    // The same week's kinerja from the rollups equals the fold of every report it replaced (testing/kinerja-oracle.ts).
    for (const q of [{ days: 1 }, { days: 7 }, { days: 3, to: localDay(clock.getTime() - 86400_000, hub.ctx.city.clock) }]) await expectKinerjaAsOracle(hub.ctx, q);
    await hub.close();
  }, 600_000);
});
