import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { Store } from './index.js';
import { foldReports } from '../domain/replay.js';
import { startTestHub, photo, postReport, validReport } from '../testing/hub.js';
import { seedAccounts } from '../../scripts/seed-accounts.js';
import { actOnReport } from '../commands/act-on-report.js';
import type { Actor } from '../contract/roles.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pantau-store-'));

describe('migrations', () => {
  it('migrate an empty database, then do nothing the second time', () => {
    const db = openDb(join(tmp(), 'a.sqlite'));
    expect(migrate(db).length).toBeGreaterThan(0);
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuse a database whose history differs from this build', () => {
    const dir = tmp();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const real = join(import.meta.dirname, 'migrations');
    for (const f of readdirSync(real)) copyFileSync(join(real, f), join(migrations, f));
    const db = openDb(join(dir, 'b.sqlite'));
    migrate(db, migrations);
    db.prepare("UPDATE schema_migrations SET name = '001_other.sql' WHERE name = '001_init.sql'").run();
    expect(() => migrate(db, migrations)).toThrow(/history differs at 001_other.sql/);
  });

  it('011 gives reports merged before 008 their primary and former status from the log', () => {
    const dir = tmp();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const real = join(import.meta.dirname, 'migrations');
    for (const f of readdirSync(real).filter((f) => f < '011')) copyFileSync(join(real, f), join(migrations, f));
    const db = openDb(join(dir, 'm.sqlite'));
    migrate(db, migrations);
    const report = db.prepare(
      `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, channel, photos, created_at, updated_at, version, last_seq)
       VALUES (?, ?, ?, 'sampah', 'dkp', 'x', 106.6, -6.2, 'point', 'web', '[]', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z', 1, ?)`,
    );
    report.run(1, 'TNG-2026-000001', 'new', 1);
    report.run(2, 'TNG-2026-000002', 'merged', 2);
    db.prepare(`INSERT INTO events (at, actor_id, actor_role, type, report_id, payload) VALUES ('2026-10-01T01:00:00Z', 'op', 'operator', 'report.merged', 2, ?)`).run(
      JSON.stringify({ intoReportId: 1, from: 'checked' }),
    );
    copyFileSync(join(real, '011_merged_backfill.sql'), join(migrations, '011_merged_backfill.sql'));
    expect(migrate(db, migrations)).toEqual(['011_merged_backfill.sql']);
    expect(db.prepare('SELECT id, merged_into_id AS primaryId, merged_from_status AS was FROM reports ORDER BY id').all()).toEqual([
      { id: 1, primaryId: null, was: null },
      { id: 2, primaryId: 1, was: 'checked' },
    ]);
  });

  it('roll back a migration that fails, leaving no half-applied schema', () => {
    const dir = tmp();
    writeFileSync(join(dir, '001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '002_bad.sql'), 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;');
    const db = openDb(join(dir, 'c.sqlite'));
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['001_ok.sql']);
  });
});

describe('the event log is the source of truth', () => {
  it('folding every event from an empty start gives exactly the live projections', async () => {
    const { hub, url } = await startTestHub();
    const operator: Actor = { id: 'op', role: 'operator', agencyId: 'dkp' };
    // Dispatch goes only to a real, active field supervisor of the agency.
    const field = (await seedAccounts(hub.ctx)).fieldOf('dkp');
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(Number((await postReport(url, validReport(), [await photo()])).body.id));
    const ctx = hub.ctx;
    await actOnReport(ctx, operator, ids[0], { action: 'check' });
    await actOnReport(ctx, operator, ids[0], { action: 'dispatch', assigneeId: field.id, instruction: 'Angkut hari ini' });
    await actOnReport(ctx, field, ids[0], { action: 'accept' });
    await actOnReport(ctx, field, ids[0], { action: 'submit_proof', proof: { photos: ['p1'], note: null, location: null, capturedAt: null, flags: [], distanceM: null } });
    await actOnReport(ctx, operator, ids[0], { action: 'verify' });
    await actOnReport(ctx, operator, ids[1], { action: 'reject', reason: 'spam' });
    await actOnReport(ctx, operator, ids[2], { action: 'merge', intoReportId: ids[3] });
    await actOnReport(ctx, { id: 'sv', role: 'supervisor' }, ids[4], { action: 'reroute', agencyId: 'dishub', reason: 'PJU' });
    expect(await actOnReport(ctx, operator, ids[4], { action: 'check' })).toMatchObject({ ok: false, code: 'forbidden' });

    const folded = foldReports(ctx.store.events.since(0, 1e6));
    expect(folded.size).toBe(6);
    for (const id of ids) expect(folded.get(id)).toEqual(ctx.store.reports.get(id));
    expect(folded.get(ids[0])!.status).toBe('verified');
    await hub.close();
  });

  it('a refused command appends nothing', async () => {
    const { hub, url } = await startTestHub();
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    const head = hub.ctx.store.events.headSeq();
    expect((await actOnReport(hub.ctx, { id: 'w', role: 'wall' }, id, { action: 'check' })).ok).toBe(false);
    expect(await actOnReport(hub.ctx, { id: 'op', role: 'operator', agencyId: 'dkp' }, 9999, { action: 'check' })).toMatchObject({ code: 'not_found' });
    expect(hub.ctx.store.events.headSeq()).toBe(head);
    await hub.close();
  });
});

describe('store identity', () => {
  it('keeps its storeId across reopenings', () => {
    const file = join(tmp(), 'd.sqlite');
    const a = Store.open(file);
    const id = a.storeId;
    a.close();
    const b = Store.open(file);
    expect(b.storeId).toBe(id);
    b.close();
  });
});
