import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { copyOfTemplate } from '../../testing/templates.js';
import { testConfig } from '../../testing/hub.js';
import { openSeedCtx, seedDemo } from '../../../scripts/seed.js';
import { sweepDeadlines } from '../../commands/deadline-sweep.js';
import { actOnReport } from '../../commands/act-on-report.js';
import { seedDemoIndicators } from '../../../scripts/seed-indicators.js';
import { createApiClient, revokeApiClient } from '../../commands/api-clients.js';
import { setAccountDisabled } from '../../commands/accounts.js';
import type { Ctx } from '../../commands/context.js';
import type { Store } from '../index.js';
import { openDbReadOnly, type Db } from '../db.js';
import { EventLog, type EventRow } from '../events.js';
import { REPORT_COLUMNS } from '../reports.js';
import { openPgStore, type PgStore } from './index.js';
import type { Tx } from '../event-log.js';
import { PgProjector, pgProjections } from './projector.js';
import { DivergedLogError, replayIntoPg } from './replay.js';
import { rebuildPg } from './rebuild.js';
import { pgDifferences } from './compare.js';
import { seedCamerasFromProfile, disableCamera, enableCamera, moveCamera, removeCamera, updateCamera } from '../../commands/camera-admin.js';
import { acknowledgeCameraAlert, cameraEventStep } from '../../commands/cameras.js';
import { pairDisplay } from '../../commands/displays.js';
import { assignLayout } from '../../commands/layouts.js';
import { copyCameraSources, copyOperationalRows } from './copy-rows.js';
import { processedPhoto, testFiling } from '../../testing/filing.js';
import { fileReport } from '../../commands/submit-report.js';
import { sqliteReportWrites, type ReportWrites } from '../report-writes.js';
import { pgCommand, pgStepStore } from './command.js';
import { pgReportWrites } from './report-writes.js';
import { runNow } from '../step.js';
import { actStep, type ActOptions } from '../../commands/act-on-report.js';
import { photoRows } from '../../commands/photos.js';
import { acknowledgeStep, sweepStep } from '../../commands/deadline-sweep.js';
import { acknowledgeAlertStep, probeStep } from '../../commands/cameras.js';
import { addCameraStep, disableCameraStep, enableCameraStep, ImportAborted, importCamerasStep, moveCameraStep, removeCameraStep, seedCamerasStep, updateCameraStep } from '../../commands/camera-admin.js';
import { sqliteCameraWrites, type CameraWrites } from '../camera-writes.js';
import { pgCameraWrites } from './camera-writes.js';
import type { Step } from '../step.js';
import type { Probe } from '../../domain/cameras.js';
import { accountView, createAccountStep, logoutStep, resetPasswordStep, sessionActorStep, setDisabledStep, startSessionStep } from '../../commands/accounts.js';
import { sqliteAccountWrites, type AccountWrites } from '../account-writes.js';
import { pgAccountWrites } from './account-writes.js';
import { createHash } from 'node:crypto';
import { createApiClientStep, revokeApiClientStep } from '../../commands/api-clients.js';
import { pairDisplayStep, revokeDisplayStep } from '../../commands/displays.js';
import { assignLayoutStep, listDisplaysStep } from '../../commands/layouts.js';
import { recordValuesStep } from '../../commands/indicators.js';
import { sqliteRoomWrites, type RoomWrites } from '../room-writes.js';
import { pgRoomWrites } from './room-writes.js';
import { identifyStep, type Credentials } from '../../commands/identify.js';
import { SESSION_COOKIE } from '../../commands/accounts.js';
import { ANONYMOUS_CITIZEN } from '../../contract/roles.js';
import { pgPorts } from './ports.js';
import { fieldJobsStep } from '../../queries/field.js';
import { duplicatesStep } from '../../queries/duplicates.js';
import { fromLogStep } from '../../realtime/log-follower.js';
import { indicatorBoardStep } from '../../queries/indicator-board.js';
import { phoneSummaryStep } from '../../queries/phone-summary.js';
import { cameraGridStep } from '../../queries/cameras.js';
import { consoleQueueStep, consoleReportStep, escalationsStep, remindersStep } from '../../queries/console.js';
import { QueueQuery } from '../../contract/console.js';
import type { CameraWithUptime } from '../../contract/cameras.js';
import type { Ports } from '../ports.js';
import type { Actor } from '../../contract/roles.js';
import type { Command } from '../../domain/reports.js';
import { catchUpStep } from '../../queries/catch-up.js';
import { eventsBetween, replayStep } from '../../queries/replay.js';
import { kinerjaFiguresStep, kinerjaRange } from '../../queries/kinerja.js';
import { dayStart } from '../../domain/time.js';

/**
 * npm run migrate:pg's core: a seeded city's SQLite log replayed into PostgreSQL gives the same log, seq for seq, and
 * every ported projection row equal to SQLite's; a rerun copies nothing twice and a foreign PostgreSQL log is refused.
 */
const now = new Date('2026-11-23T03:00:00Z');
let dataDir: string;
let ctx: Ctx;
let store: Store;
let reader: Db;
let source: EventLog;
const databases: { drop: () => Promise<void> }[] = [];
const pgStores: PgStore[] = [];

async function freshPg(): Promise<{ pg: PgStore; projector: PgProjector }> {
  const db = await testDatabase();
  databases.push(db);
  const pg = await openPgStore(db.url, { poolSize: 2 });
  pgStores.push(pg);
  return { pg, projector: new PgProjector(pg.events, pgProjections(store.clock)) };
}

beforeAll(async () => {
  // The demo accounts' template (their passwords hashed once per run), then a small city in every state through the
  // hub's own commands, its indicator figures (with corrections), two API keys (one revoked), a disabled account,
  // and a deadline sweep three days on so that flags and breaches are in the log too.
  dataDir = await copyOfTemplate('accounts');
  ({ ctx, store } = openSeedCtx(testConfig(dataDir)));
  ctx.now = () => now;
  await seedDemo(ctx, { count: 30, days: 6, now });
  await seedDemoIndicators(ctx, now);
  const admin = { id: 'admin-test', role: 'admin' as const, name: 'Admin' };
  const keys = [await createApiClient(ctx, admin, { name: 'SP4N-LAPOR', scopes: ['open311'] }), await createApiClient(ctx, admin, { name: 'Aplikasi warga', scopes: ['open311'] })];
  expect(keys[0].ok && (await revokeApiClient(ctx, admin, keys[0].value.client.id)).ok).toBe(true);
  expect((await setAccountDisabled(ctx, admin, store.accounts.list().find((a) => a.role === 'field')!.id, true)).ok).toBe(true);
  // What the seed never does, and what empties a rollup or open-count row: a report rerouted to another agency and
  // one reopened after its verification (its fixed day loses it).
  const supervisor = { id: 'supervisor-test', role: 'supervisor' as const, name: 'Supervisor' };
  const waiting = store.reports.latest(100).find((r) => r.status === 'new' || r.status === 'checked')!;
  const other = ctx.city.profile.agencies.find((a) => a.id !== waiting.agencyId)!.id;
  expect((await actOnReport(ctx, supervisor, waiting.id, { action: 'reroute', agencyId: other, reason: 'Salah dinas' })).ok).toBe(true);
  const verified = store.reports.latest(100).find((r) => r.status === 'verified' || r.status === 'closed')!;
  expect((await actOnReport(ctx, { id: 'citizen', role: 'citizen' }, verified.id, { action: 'reopen', reason: 'Belum beres' })).ok).toBe(true);
  // Cameras through every event their fold knows (the monitor's health changes appended as it appends them), and
  // two displays given layouts, the second twice.
  seedCamerasFromProfile(store, ctx.city.profile.cameras, (u) => u.replace('{simulator}', 'http://127.0.0.1:9'), now.toISOString());
  const [c1, c2, c3, c4, c5] = store.cameras.list().map((c) => c.id);
  const health = (cameraId: string, to: string, reason: string) =>
    store.tx(() => runNow(cameraEventStep(store.ports.cameras, { type: 'camera.health_changed', reportId: null, at: ctx.now().toISOString(), actor: { id: 'camera-monitor', role: 'system' }, payload: { cameraId, from: null, to, reason } })));
  health(c1, 'online', 'ok');
  health(c1, 'offline', 'failed');
  health(c2, 'offline', 'failed');
  expect((await acknowledgeCameraAlert(ctx, { id: 'supervisor-test', role: 'supervisor', name: 'Supervisor' }, c2)).ok).toBe(true);
  health(c2, 'degraded', 'frozen');
  expect((await disableCamera(ctx, admin, c3, 'Perbaikan tiang')).ok).toBe(true);
  expect((await enableCamera(ctx, admin, c3)).ok).toBe(true);
  expect((await disableCamera(ctx, admin, c5, 'Diganti')).ok).toBe(true);
  expect((await moveCamera(ctx, admin, c4, [106.64, -6.17])).ok).toBe(true);
  expect((await updateCamera(ctx, admin, c4, { name: 'Kamera dipindah', intervalS: 30 })).ok).toBe(true);
  expect((await removeCamera(ctx, admin, store.cameras.list().at(-1)!.id, 'Dibongkar')).ok).toBe(true);
  const lobby = await pairDisplay(ctx, admin, 'Layar lobi');
  const room = await pairDisplay(ctx, admin, 'Layar rapat');
  expect((await assignLayout(ctx, admin, lobby.id, { kind: 'single', view: { view: 'map' } })).ok).toBe(true);
  expect((await assignLayout(ctx, admin, room.id, { kind: 'single', view: { view: 'map' } })).ok).toBe(true);
  expect((await assignLayout(ctx, admin, room.id, { kind: 'split', views: [{ view: 'map' }, { view: 'cameras' }], direction: 'columns' })).ok).toBe(true);
  ctx.now = () => new Date(now.getTime() + 3 * 86400_000);
  expect((await sweepDeadlines(ctx)).length).toBeGreaterThan(0);
  // The copy reads the file on its own connection, read only, as the script does.
  reader = openDbReadOnly(store.db.name);
  source = new EventLog(reader);
});
afterAll(async () => {
  for (const pg of pgStores) await pg.close();
  for (const db of databases) await db.drop();
  reader?.close();
  store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every projection ported to PostgreSQL equals SQLite's, row for row and field by field (pgDifferences, migrate:pg's check). */
async function expectSameProjections(pg: PgStore, projector: PgProjector) {
  // Every projection the SQLite store has, in its order.
  expect(projector.projections.map((p) => p.name)).toEqual(store.projector.projections.map((p) => p.name));
  // A column SQLite's reports gain later is compared (and so must be ported) too: the check takes SQLite's columns.
  const reports = store.projector.projections.find((p) => p.name === 'reports')!.snapshot() as Record<string, unknown>[];
  expect(Object.keys(reports[0]).sort()).toEqual([...REPORT_COLUMNS, 'search_body', 'search_facts'].sort());
  const { rows, differences } = await pgDifferences(store.projector.projections, projector.projections, pg.pool);
  expect(differences).toEqual([]);
  for (const p of projector.projections) expect((store.projector.projections.find((s) => s.name === p.name)!.snapshot()).length, p.name).toBeGreaterThan(1);
  expect(rows).toBeGreaterThan(reports.length);
}

async function allRows(log: { rowsSince(seq: number, limit: number): EventRow[] | Promise<EventRow[]> }): Promise<EventRow[]> {
  return log.rowsSince(0, 1_000_000);
}

/**
 * Runs one command's step on both stores, SQLite's ports and then PostgreSQL's (in pgCommand), expects the same answer
 * from each, and gives SQLite's.
 */
async function onBoth<W, T>(sqlitePorts: W, pgPorts: (tx: Tx) => W, pg: PgStore, make: (w: W) => Step<T>): Promise<T> {
  const mine = store.tx(() => runNow(make(sqlitePorts)));
  expect(await pgCommand(pg.transactions, (tx) => make(pgPorts(tx)))).toEqual(mine);
  return mine;
}

describe('replaying a SQLite city into PostgreSQL', () => {
  let pg: PgStore;
  let projector: PgProjector;
  beforeAll(async () => ({ pg, projector } = await freshPg()));

  it('copies the log row for row with the same seqs, and every ported projection equals SQLite\'s, field by field', async () => {
    const head = store.events.headSeq();
    const progress: number[] = [];
    const result = await replayIntoPg(source, pg, projector, { batch: 64, onProgress: (p) => progress.push(p.seq) });
    expect(result).toEqual({ copied: head, from: 0, head });
    expect(progress.at(-1)).toBe(head);
    expect(progress.length).toBe(Math.ceil(head / 64));

    const sqliteLog = await allRows(source);
    const pgLog = await allRows(pg.events);
    expect(pgLog.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(pgLog).toEqual(sqliteLog);
    expect(await pg.events.headSeq()).toBe(head);
    // The seed's variety reached PostgreSQL: several states, deadline flags, proofs, and accounts' events beside reports'.
    const { rows } = await pg.pool.query<{ status: string; flagged: number; proofs: number }>(
      `SELECT status, COUNT(*) FILTER (WHERE deadline_flags <> '[]')::int AS flagged, COUNT(proof)::int AS proofs FROM reports GROUP BY status`,
    );
    expect(rows.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['closed', 'dispatched', 'in_progress', 'new', 'verified']));
    expect(rows.reduce((n, r) => n + r.flagged, 0)).toBeGreaterThan(0);
    expect(rows.reduce((n, r) => n + r.proofs, 0)).toBeGreaterThan(0);
    expect(sqliteLog.some((e) => e.type.startsWith('account.'))).toBe(true);
    expect(sqliteLog.some((e) => e.type === 'indicator.corrected')).toBe(true);
    expect((await pg.pool.query('SELECT COUNT(*)::int AS n FROM api_clients WHERE revoked_at IS NOT NULL')).rows[0].n).toBe(1);
    expect((await pg.pool.query('SELECT COUNT(*)::int AS n FROM accounts WHERE disabled_at IS NOT NULL')).rows[0].n).toBe(1);

    await expectSameProjections(pg, projector);
  });

  it('gives a screen the same catch-up as SQLite once the cameras\' sources are copied: snapshot, columns and delta', async () => {
    expect(await copyCameraSources(reader, pg)).toBe(store.cameras.list().length);
    const head = store.events.headSeq();
    const same = async (client: { seq?: number; snapshot?: 'columns' }, kind: string) => {
      const mine = await store.query((p) => catchUpStep(p, store.storeId, { ...client, storeId: store.storeId }, 5000));
      const theirs = await pgStepStore(pg, projector).query((p) => catchUpStep(p, pg.storeId, { ...client, storeId: pg.storeId }, 5000));
      expect(theirs.kind).toBe(kind);
      expect({ ...theirs, storeId: null }).toEqual({ ...mine, storeId: null });
      return theirs;
    };
    const snapshot = await same({}, 'snapshot');
    expect(snapshot.cameras.some((c) => c.live)).toBe(true);
    expect(snapshot.cameras.some((c) => c.health === 'offline' && c.alert === 'open')).toBe(true);
    expect(snapshot.cameras.some((c) => c.disabled)).toBe(true);
    await same({ snapshot: 'columns' }, 'snapshot');
    const delta = await same({ seq: head - 40 }, 'delta');
    expect(delta.markers!.length).toBeGreaterThan(0);
    // Another store's seqs, or one ahead of the log: a fresh snapshot on both.
    expect((await pgStepStore(pg, projector).query((p) => catchUpStep(p, pg.storeId, { storeId: store.storeId, seq: head - 40 }, 5000))).kind).toBe('snapshot');
  });

  it('copies nothing on a rerun, and only what the SQLite log gained since on the next one', async () => {
    const head = store.events.headSeq();
    expect(await replayIntoPg(source, pg, projector)).toEqual({ copied: 0, from: head, head });

    const operator = { id: 'op-dpupr', role: 'operator' as const, agencyId: store.reports.latest(1)[0].agencyId, name: 'Operator' };
    const fresh = store.reports.latest(50).find((r) => r.status === 'new')!;
    // A day after the sweep: this event closes the sweep's day, so its checkpoint holds breached markers.
    ctx.now = () => new Date(now.getTime() + 4 * 86400_000);
    const acted = await actOnReport(ctx, { ...operator, agencyId: fresh.agencyId }, fresh.id, { action: 'check' });
    expect(acted.ok).toBe(true);
    const later = store.events.headSeq();
    expect(later).toBe(head + 1);
    expect(await replayIntoPg(source, pg, projector)).toEqual({ copied: 1, from: head, head: later });
    expect(store.replayCheckpoints.rows().some((r) => /^marker /.test((r as { key: string }).key) && JSON.parse((r as { marker: string }).marker)[7] === 1)).toBe(true);
    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
  });
  it('once the intake rows are copied, files the moved city\'s next report as SQLite files it: id, ticket, row, event; a retry is answered on both', async () => {
    const copied = await copyOperationalRows(reader, pg);
    const count = (table: string) => reader.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    expect(copied).toEqual({ tickets: count('ticket_counters'), media: count('media'), clientCommands: count('client_commands'), outbox: count('outbox'), displays: count('displays'), sessions: count('sessions') });
    expect(copied.displays).toBeGreaterThan(0);
    expect(copied.media).toBeGreaterThan(0);
    const photos = [await processedPhoto(ctx.city)];
    const filing = testFiling(ctx.city, photos, { now: ctx.now(), opts: { clientKey: 'moved-city-1' } });
    const onSqlite = () => store.tx(() => runNow(fileReport(sqliteReportWrites(store), ctx.city, filing)));
    const onPg = () => pgCommand(pg.transactions, (tx) => fileReport(pgReportWrites(tx, projector), ctx.city, filing));
    const [mine, theirs] = [onSqlite(), await onPg()];
    expect(theirs).toEqual(mine);
    expect(mine[0].ok && mine[0].value.id).toBe(Math.max(...store.reports.latest(1000).map((r) => r.id)));
    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
    const rows = (sql: string) => reader.prepare(sql).raw().all();
    for (const table of ['media ORDER BY hash', 'client_commands ORDER BY client_id', 'ticket_counters ORDER BY prefix, year'])
      expect((await pg.pool.query({ text: `SELECT * FROM ${table}`, rowMode: 'array' })).rows).toEqual(rows(`SELECT * FROM ${table}`));
    // The phone sends it again: the same report on both, nothing appended.
    const head = store.events.headSeq();
    const [retried, retriedPg] = [onSqlite(), await onPg()];
    expect(retriedPg).toEqual(retried);
    expect(retried[0].ok && retried[0].value.replayed).toBe(true);
    expect([store.events.headSeq(), await pg.events.headSeq()]).toEqual([head, head]);
  });
  it('takes the moved city\'s reports through every step on both stores alike: dispatch, proof, verify, merge, un-merge, a retried step', async () => {
    const both = <T>(make: (w: ReportWrites) => Step<T>) => onBoth(sqliteReportWrites(store), (tx) => pgReportWrites(tx, projector), pg, make);
    const stepBoth = async (actor: Actor, reportId: number, cmd: Command, opts: ActOptions = {}) => (await both((w) => actStep(w, ctx.city, actor, reportId, cmd, opts, ctx.now())))[0];
    const photos = [await processedPhoto(ctx.city)];
    const fileBoth = async (description: string) => {
      const [filed] = await both((w) => fileReport(w, ctx.city, testFiling(ctx.city, photos, { description, now: ctx.now() })));
      if (!filed.ok) throw new Error(filed.message);
      return filed.value;
    };
    const first = await fileBoth('Sampah menumpuk di depan sekolah');
    const operator = { id: 'op-test', role: 'operator' as const, agencyId: first.agencyId, name: 'Operator' };
    const field = store.accounts.fieldSupervisors(first.agencyId)[0];
    const crew = { id: field.id, role: 'field' as const, agencyId: field.agencyId, name: field.name };
    expect((await stepBoth(operator, first.id, { action: 'check' })).ok).toBe(true);
    // A job for someone who may not take it is refused on both alike, from the account each store holds.
    expect(await stepBoth(operator, first.id, { action: 'dispatch', assigneeId: operator.id, instruction: 'Segera' })).toMatchObject({ ok: false, field: 'assigneeId' });
    expect((await stepBoth(operator, first.id, { action: 'dispatch', assigneeId: field.id, instruction: 'Segera' })).ok).toBe(true);
    expect((await stepBoth(crew, first.id, { action: 'accept' }, { clientId: 'moved-accept' })).ok).toBe(true);
    // The crew's phone lists the job, accepted, the same from either store.
    const jobs = await both((w) => fieldJobsStep(w, field.id));
    expect(jobs.find((j) => j.id === first.id)).toMatchObject({ status: 'in_progress', acceptedAt: ctx.now().toISOString(), startedAt: null });
    const head = store.events.headSeq();
    // The phone's retry of the same step: answered from the client id on both, nothing appended.
    expect((await stepBoth(crew, first.id, { action: 'accept' }, { clientId: 'moved-accept' })).ok).toBe(true);
    expect(store.events.headSeq()).toBe(head);
    const proofPhotos = [await processedPhoto(ctx.city)];
    const proof = { photos: proofPhotos.map((p) => p.hash), note: 'Sudah diangkut', location: { lng: first.lng, lat: first.lat }, capturedAt: ctx.now().toISOString(), flags: [], distanceM: 0 };
    expect((await stepBoth(crew, first.id, { action: 'submit_proof', proof }, { clientId: 'moved-proof', media: photoRows(proofPhotos, ctx.now().toISOString()) })).ok).toBe(true);
    expect((await stepBoth(operator, first.id, { action: 'verify' })).ok).toBe(true);
    // Merging follows the chain to its root on both: c into b, then b into a counts c's reporter at a.
    const [a, b, c] = [await fileBoth('Lampu jalan mati satu'), await fileBoth('Lampu jalan mati dua'), await fileBoth('Lampu jalan mati tiga')];
    expect((await stepBoth(operator, c.id, { action: 'merge', intoReportId: b.id })).ok).toBe(true);
    expect((await stepBoth(operator, b.id, { action: 'merge', intoReportId: a.id })).ok).toBe(true);
    expect(await stepBoth(operator, a.id, { action: 'merge', intoReportId: c.id })).toMatchObject({ ok: false, field: 'intoReportId' });
    expect((await stepBoth(operator, c.id, { action: 'unmerge', reason: 'Bukan masalah yang sama' })).ok).toBe(true);
    expect(store.reports.get(a.id)!.citizenCount).toBe(2);
    // The duplicates an operator sees beside c, and what was merged into a: PostGIS's candidates, the domain's choice.
    const [near, merged] = [await both((w) => duplicatesStep(w, ctx.city, store.reports.get(c.id)!, operator)), await both((w) => duplicatesStep(w, ctx.city, store.reports.get(a.id)!, operator))];
    expect(near.duplicates.map((d) => d.report.id)).toContain(a.id);
    expect(merged.merged.map((m) => m.id)).toEqual([b.id]);
    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
    expect((await pg.pool.query({ text: 'SELECT * FROM media ORDER BY hash', rowMode: 'array' })).rows).toEqual(reader.prepare('SELECT * FROM media ORDER BY hash').raw().all());
  });
  it('sweeps the moved city\'s deadlines on both stores alike, under the lease, each webhook queued with its event', async () => {
    const agencies = ctx.city.profile.agencies;
    for (const a of agencies) a.webhookUrl = `http://127.0.0.1:9/${a.id}`;
    try {
      const at = new Date(ctx.now().getTime() + 3 * 86400_000);
      const lease = { name: 'deadline-sweep', owner: 'hub-a', termMs: 90_000 };
      const both = <T>(make: (w: ReportWrites) => Step<T>) => onBoth(sqliteReportWrites(store), (tx) => pgReportWrites(tx, projector), pg, make);
      const sweepBoth = async (when: Date, term: typeof lease) => (await both((w) => sweepStep(w, ctx.city, when, 500, term)))[0];
      const raised = await sweepBoth(at, lease);
      expect(raised.length).toBeGreaterThan(0);
      // Another hub while hub-a's lease runs: refused on both, nothing swept.
      expect(await sweepBoth(new Date(at.getTime() + 1000), { ...lease, owner: 'hub-b' })).toEqual([]);
      const { report, flag } = raised[0];
      const operator = { id: 'op-test', role: 'operator' as const, agencyId: report.agencyId, name: 'Operator' };
      expect((await both((w) => acknowledgeStep(w, operator, report.id, flag, at)))[0].ok).toBe(true);

      expect(await allRows(pg.events)).toEqual(await allRows(source));
      await expectSameProjections(pg, projector);
      const columns = 'seq, agency_id, url, body, created_at, attempts, next_attempt_at';
      const sent = reader.prepare(`SELECT ${columns} FROM outbox WHERE created_at = ? ORDER BY seq`).raw().all(at.toISOString());
      expect(sent.length).toBe(raised.length);
      expect((await pg.pool.query({ text: `SELECT ${columns} FROM outbox WHERE created_at = $1 ORDER BY seq`, values: [at.toISOString()], rowMode: 'array' })).rows).toEqual(sent);
      expect((await pg.pool.query({ text: 'SELECT name, owner, until FROM leases', rowMode: 'array' })).rows).toEqual(reader.prepare('SELECT name, owner, until FROM leases').raw().all());
    } finally {
      for (const a of agencies) delete a.webhookUrl;
    }
  });
  it('runs the moved city\'s cameras on both stores alike: probes through health and reason changes, an alert, the console\'s admin, a restart', async () => {
    const probeCounts = new Map<string, number>();
    const both = <T>(make: (w: CameraWrites) => Step<T>) => onBoth(sqliteCameraWrites(store), (tx) => pgCameraWrites(tx, projector, probeCounts), pg, make);
    const admin = { id: 'admin-test', role: 'admin' as const, name: 'Admin' };
    const t0 = ctx.now().getTime();
    const at = (s: number) => new Date(t0 + s * 1000);
    const cam = store.cameras.list().find((c) => !c.disabled)!.id;
    // Good frames, then the same frame (frozen), then a black one, then no answer: online, degraded twice, offline.
    const probes: Probe[] = [
      ...[1, 2, 3].map((i) => ({ at: at(i).toISOString(), ok: true, latencyMs: 120, hash: `h${i}`, luma: 110, error: null })),
      ...[4, 5, 6, 7, 8].map((i) => ({ at: at(i).toISOString(), ok: true, latencyMs: 130, hash: 'h3', luma: 110, error: null })),
      { at: at(9).toISOString(), ok: true, latencyMs: 130, hash: 'h9', luma: 4, error: null },
      ...[10, 11, 12, 13].map((i) => ({ at: at(i).toISOString(), ok: false, latencyMs: 5000, hash: null, luma: null, error: 'timeout' })),
    ];
    const changes: string[] = [];
    const probe = async (p: Probe) => {
      for (const c of (await both((w) => probeStep(w, cam, p)))[1]) changes.push(`${c.event.type} ${String(c.event.payload.to)}`);
    };
    for (const p of probes) await probe(p);
    expect(store.cameras.get(cam)).toMatchObject({ health: 'offline', alert: 'open' });
    expect((await both((w) => acknowledgeAlertStep(w, admin, cam, at(20))))[0].ok).toBe(true);
    // Twenty-one probes in all, past the pruning: the newest twenty stay on both.
    for (let i = 0; i < 8; i++) await probe({ at: at(21 + i).toISOString(), ok: true, latencyMs: 100, hash: `g${i}`, luma: 100, error: null });
    expect(changes).toEqual(expect.arrayContaining(['camera.health_changed online', 'camera.health_changed degraded', 'camera.reason_changed black', 'camera.health_changed offline']));
    expect(store.cameras.get(cam)!.health).toBe('online');
    // What the monitor probes next: the never-probed first, then the longest waiting, the disabled never.
    const dueAt = async (s: number) => (await both((w) => w.due(at(s).toISOString()))).map((c) => c.id);
    expect(await dueAt(28)).not.toContain(cam);
    expect(await dueAt(3600)).toContain(cam);

    const input = { id: 'cam-moved-1', name: 'Simpang baru', kind: 'traffic' as const, location: [106.63, -6.18] as [number, number], snapshotUrl: 'http://127.0.0.1:9/snap.jpg', intervalS: 10 };
    expect((await both((w) => addCameraStep(w, admin, input, at(41))))[0].ok).toBe(true);
    expect((await both((w) => addCameraStep(w, admin, input, at(42))))[0]).toMatchObject({ ok: false, code: 'conflict' });
    // A file whose second row is refused keeps nothing of the first, on either store.
    const file = [{ ...input, id: 'cam-moved-2' }, { ...input, id: 'cam-moved-3', snapshotUrl: null }];
    const head = store.events.headSeq();
    expect(() => store.tx(() => runNow(importCamerasStep(sqliteCameraWrites(store), admin, file, at(43))))).toThrow(ImportAborted);
    await expect(pgCommand(pg.transactions, (tx) => importCamerasStep(pgCameraWrites(tx, projector, probeCounts), admin, file, at(43)))).rejects.toThrow(ImportAborted);
    expect([store.events.headSeq(), await pg.events.headSeq()]).toEqual([head, head]);
    expect((await both((w) => importCamerasStep(w, admin, file.slice(0, 1), at(44))))[0]).toEqual({ ok: true, value: { added: 1 } });
    expect((await both((w) => updateCameraStep(w, admin, input.id, { name: 'Simpang baru 2', username: 'pantau', password: 'rahasia' }, at(45))))[0].ok).toBe(true);
    expect((await both((w) => moveCameraStep(w, admin, input.id, [106.64, -6.17], at(46))))[0].ok).toBe(true);
    expect((await both((w) => disableCameraStep(w, admin, input.id, 'Perbaikan', at(47))))[0].ok).toBe(true);
    expect((await both((w) => enableCameraStep(w, admin, input.id, at(48))))[0].ok).toBe(true);
    expect((await both((w) => removeCameraStep(w, admin, 'cam-moved-2', 'Dibongkar', at(49))))[0].ok).toBe(true);
    // A restart: the profile's cameras the log knows are not added again, their addresses refreshed.
    expect(await both((w) => seedCamerasStep(w, ctx.city.profile.cameras, (u) => u.replace('{simulator}', 'http://127.0.0.1:8'), at(50).toISOString()))).toBe(0);

    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
    const same = async (sql: string) => expect((await pg.pool.query({ text: sql, rowMode: 'array' })).rows).toEqual(reader.prepare(sql).raw().all());
    await same('SELECT camera_id, at, ok, latency_ms, hash, luma, error FROM camera_probes ORDER BY camera_id, at');
    await same('SELECT id, last_probe_at, last_good_at, snapshot_at FROM cameras ORDER BY id');
    await same('SELECT camera_id, snapshot_url, stream_url, username, password, from_profile FROM camera_sources ORDER BY camera_id');
  });
  it('keeps the moved city\'s staff on both stores alike: an account made, a sign-in, disabled and reset (signed out), a sign-out', async () => {
    const both = <T>(make: (w: AccountWrites) => Step<T>) => onBoth(sqliteAccountWrites(store), (tx) => pgAccountWrites(tx, projector), pg, make);
    const admin = { id: 'admin-test', role: 'admin' as const, name: 'Admin' };
    const when = ctx.now();
    const input = { username: 'pengawas.baru', name: 'Pengawas Baru', role: 'field' as const, agencyId: ctx.city.profile.agencies[0].id, password: 'tidak-dipakai' };
    const made = { id: 'account-moved-1', passwordHash: 'scrypt$test', now: when };
    expect((await both((w) => createAccountStep(w, admin, input, made)))[0].ok).toBe(true);
    expect((await both((w) => createAccountStep(w, admin, { ...input, username: 'PENGAWAS.BARU' }, { ...made, id: 'account-moved-2' })))[0]).toMatchObject({ ok: false, field: 'username' });
    const account = (await both((w) => w.accountByUsername('pengawas.baru')))!;
    const signIn = async (token: string) => {
      await both((w) => startSessionStep(w, accountView(account), createHash('sha256').update(token).digest('hex'), when));
      return both((w) => sessionActorStep(w, token, when));
    };
    const crew = { id: account.id, role: 'field', agencyId: account.agencyId, name: account.name };
    expect(await signIn('token-1')).toEqual(crew);
    // Disabling signs the account out everywhere; so does a new password.
    expect((await both((w) => setDisabledStep(w, admin, account.id, true, when)))[0].ok).toBe(true);
    expect(await both((w) => sessionActorStep(w, 'token-1', when))).toBeNull();
    expect((await both((w) => setDisabledStep(w, admin, account.id, false, when)))[0].ok).toBe(true);
    expect(await signIn('token-2')).toEqual(crew);
    expect((await both((w) => resetPasswordStep(w, admin, account.id, 'scrypt$new', when)))[0].ok).toBe(true);
    expect(await both((w) => sessionActorStep(w, 'token-2', when))).toBeNull();
    expect(await signIn('token-3')).toEqual(crew);
    expect((await both((w) => logoutStep(w, 'token-3', when)))[1].map((c) => c.event.type)).toEqual(['account.session_ended']);
    expect(await both((w) => sessionActorStep(w, 'token-3', when))).toBeNull();
    expect(await signIn('token-4')).toEqual(crew);
    const sessions = 'SELECT token_hash, account_id, created_at, expires_at FROM sessions WHERE account_id = $1 ORDER BY token_hash';
    const kept = reader.prepare(sessions.replace('$1', '?')).raw().all(account.id);
    expect(kept.length).toBe(1);
    expect((await pg.pool.query({ text: sessions, values: [account.id], rowMode: 'array' })).rows).toEqual(kept);

    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
  });
  it('sets up the moved city\'s room on both stores alike: an API key made and revoked, a display paired and given a layout, figures corrected', async () => {
    const both = <T>(make: (w: RoomWrites) => Step<T>) => onBoth(sqliteRoomWrites(store), (tx) => pgRoomWrites(tx, projector), pg, make);
    const admin = { id: 'admin-test', role: 'admin' as const, name: 'Admin' };
    const when = ctx.now();
    const key = (await both((w) => createApiClientStep(w, admin, { name: 'Aplikasi kecamatan', scopes: ['open311'] }, { id: 'key-moved-1', key: 'pk_moved-city-key-000000000000', now: when })))[0];
    expect(key.ok).toBe(true);
    expect((await both((w) => revokeApiClientStep(w, admin, 'key-moved-1', when)))[0].ok).toBe(true);
    expect((await both((w) => revokeApiClientStep(w, admin, 'key-moved-1', when)))[0]).toMatchObject({ ok: false, code: 'conflict' });
    const made = { id: 'display-moved-1', token: 'token-of-the-moved-display-0001', now: when };
    expect((await both((w) => pairDisplayStep(w, admin, 'Layar kecamatan', made)))[0]).toEqual({ id: made.id, token: made.token });
    // The same token again answers the same display, and pairs nothing new.
    expect(await both((w) => pairDisplayStep(w, admin, 'Layar kecamatan', { ...made, id: 'display-moved-2' }))).toEqual([{ id: made.id, token: made.token }, []]);
    expect((await both((w) => assignLayoutStep(w, admin, made.id, { kind: 'split', views: [{ view: 'map' }, { view: 'performance' }], direction: 'rows' }, when)))[0].ok).toBe(true);
    expect((await both((w) => revokeDisplayStep(w, admin, made.id, when)))[0].ok).toBe(true);
    expect((await both((w) => assignLayoutStep(w, admin, made.id, { kind: 'single', view: { view: 'map' } }, when)))[0]).toMatchObject({ ok: false, code: 'not_found' });

    const figure = store.indicators.list()[0];
    const input = { indicatorId: figure.indicatorId, period: figure.period, value: figure.value + 1 };
    expect((await both((w) => recordValuesStep(w, admin, [input], 'console', when)))[0]).toMatchObject({ ok: false, field: 'values.0.note' });
    expect((await both((w) => recordValuesStep(w, admin, [{ ...input, note: 'Salah ketik' }], 'console', when)))[0]).toMatchObject({ ok: true, value: { unchanged: 0 } });
    expect((await both((w) => recordValuesStep(w, admin, [{ ...input, note: 'Dikirim lagi' }], 'console', when)))[0]).toMatchObject({ ok: true, value: { recorded: [], unchanged: 1 } });
    // Its history, the correction beside the first figure, read from either log.
    const history = await both((w) => w.indicatorHistory(figure.indicatorId, 200));
    expect(history[0]).toMatchObject({ type: 'indicator.corrected', value: input.value, previous: figure.value, note: 'Salah ketik' });

    // Who is calling, from each kind of credential, is the same on both: a key (live, revoked, unknown), a display
    // token (paired, revoked), a staff session (the one signed in above), and nothing at all.
    const live = (await both((w) => createApiClientStep(w, admin, { name: 'SP4N-LAPOR baru', scopes: ['open311'] }, { id: 'key-moved-2', key: 'pk_moved-city-key-000000000001', now: when })))[0];
    expect(live.ok).toBe(true);
    const lobby = { id: 'display-moved-3', token: 'token-of-the-moved-display-0003', now: when };
    await both((w) => pairDisplayStep(w, admin, 'Layar lobi kecamatan', lobby));
    const who = (c: Credentials) => onBoth(store.ports, (tx) => pgPorts(tx, projector, new Map()), pg, (p) => identifyStep(p, c, when));
    expect(await who({ authorization: 'Bearer pk_moved-city-key-000000000001' })).toMatchObject({ id: 'api:key-moved-2', role: 'open311' });
    expect(await who({ authorization: 'Bearer pk_moved-city-key-000000000000' })).toBeNull();
    expect(await who({ authorization: 'Bearer pk_nobody-has-this-key-000000000' })).toBeNull();
    expect(await who({ display: lobby.token })).toMatchObject({ id: `display:${lobby.id}`, role: 'wall' });
    expect(await who({ display: made.token })).toBeNull();
    expect(await who({ cookie: `${SESSION_COOKIE}=token-4` })).toMatchObject({ role: 'field', name: 'Pengawas Baru' });
    expect(await who({ cookie: `${SESSION_COOKIE}=token-1` })).toEqual(ANONYMOUS_CITIZEN);
    expect(await who({})).toEqual(ANONYMOUS_CITIZEN);

    expect(await allRows(pg.events)).toEqual(await allRows(source));
    await expectSameProjections(pg, projector);
    const displays = 'SELECT id, name, token_hash, created_at, revoked_at, paired_by, revoked_by FROM displays ORDER BY id';
    expect((await pg.pool.query({ text: displays, rowMode: 'array' })).rows).toEqual(reader.prepare(displays).raw().all());
  });
  it('answers the moved city\'s screens alike from both stores: the indicator board, the mayor\'s summary, the camera grid, the console\'s report page and lists', async () => {
    const read = <T>(make: (p: Ports) => Step<T>) => Promise.all([store.query(make), pgStepStore(pg, projector).query(make)]);
    const when = ctx.now();
    const [board, pgBoard] = await read((p) => indicatorBoardStep(p, ctx.city, 'store', when));
    expect(pgBoard).toEqual(board);
    expect(board.indicators.some((i) => i.latest)).toBe(true);
    const [summary, pgSummary] = await read((p) => phoneSummaryStep(p, ctx.city, 'store', when));
    expect(pgSummary).toEqual(summary);
    expect(summary.breached.total).toBeGreaterThan(0);
    // Uptime is a share of time: SQLite counts it in days, PostgreSQL in seconds, equal to the last few bits.
    const rounded = (grid: CameraWithUptime[]) => grid.map((c) => ({ ...c, uptime24h: c.uptime24h && +c.uptime24h.toFixed(9), uptime7d: c.uptime7d && +c.uptime7d.toFixed(9) }));
    const [grid, pgGrid] = await read((p) => cameraGridStep(p.cameras, new Date(when.getTime() + 3600_000)));
    expect(rounded(pgGrid)).toEqual(rounded(grid));
    expect(grid.some((c) => c.uptime24h !== null && c.uptime24h > 0 && c.uptime24h < 1)).toBe(true);

    // The console: a report's page (history with names, actions, whom to dispatch to with their load, cameras near),
    // the reminders and escalations, an agency's field supervisors.
    const supervisor = { id: 'supervisor-test', role: 'supervisor' as const, name: 'Supervisor' };
    const worked = store.reports.latest(1000).find((r) => r.status === 'verified' && r.proof)!;
    const [page, pgPage] = await read((p) => consoleReportStep(p, supervisor, worked));
    expect(pgPage).toEqual(page);
    expect(page.history.length).toBeGreaterThan(3);
    expect(page.fieldSupervisors.some((f) => f.openJobs > 0)).toBe(true);
    const [due, pgDue] = await read((p) => remindersStep(p.reports, supervisor));
    expect(pgDue).toEqual(due);
    expect(due.length).toBeGreaterThan(0);
    const [late, pgLate] = await read((p) => escalationsStep(p.reports, supervisor));
    expect(pgLate).toEqual(late);
    // The queue: its first page with the total and the assignees' names, a search, a tab of an operator's, what changed.
    const operator = { id: 'operator-test', role: 'operator' as const, name: 'Operator', agencyId: worked.agencyId };
    const district = ctx.city.districts.find((d) => d.code === worked.districtCode)!.name;
    for (const [actor, q] of [
      [supervisor, {}],
      [supervisor, { q: district, limit: '5' }],
      [operator, { status: 'new,checked,dispatched,in_progress,proof_submitted,verified' }],
      [supervisor, { since: String(store.events.headSeq() - 40) }],
    ] as const) {
      const [answer, pgAnswer] = await read((p) => consoleQueueStep(p, ctx.city, actor, QueueQuery.parse(q), when));
      expect(pgAnswer).toEqual(answer);
      expect(answer.reports.length).toBeGreaterThan(0);
    }

    // The admin's lists and the console's displays page, and the health answer's figures.
    const [lists, pgLists] = await read(function* (p) {
      return {
        accounts: yield* p.accounts.accounts(),
        keys: yield* p.room.apiClients(),
        displays: yield* listDisplaysStep(p.room, (id) => id.endsWith('1')),
        revoked: yield* p.room.revokedDisplays(20),
        cameras: yield* p.cameras.list(),
        outbox: yield* p.reports.outboxCounts(),
      };
    });
    expect(pgLists).toEqual(lists);
    // What another hub's broadcast of each of the last events carries, read from the log and the store.
    const relayed = (p: Ports) =>
      (function* () {
        const out = [];
        for (const e of yield* p.reports.eventsSince(store.events.headSeq() - 60, 60)) out.push(yield* fromLogStep(p, e));
        return out;
      })();
    const [sent, pgSent] = await read(relayed);
    expect(pgSent).toEqual(sent);
    expect(new Set(sent.map((c) => (c.camera ? 'camera' : c.indicator ? 'indicator' : c.report ? 'report' : 'tick')))).toEqual(new Set(['camera', 'indicator', 'report', 'tick']));
    expect([lists.accounts.length, lists.keys.length, lists.displays.length, lists.revoked.length].every((n) => n > 0)).toBe(true);
    expect(lists.outbox.pending).toBeGreaterThan(0);
  });
  it('answers the replay, kinerja, Open311\'s lists and the audit\'s pages alike from both stores', async () => {
    const read = <T>(make: (p: Ports) => Step<T>) => Promise.all([store.query(make), pgStepStore(pg, projector).query(make)]);
    const { clock } = ctx.city;
    const day = (n: number) => new Date(Date.parse(dayStart('2026-11-20', clock)) + n * 86400_000).toISOString();
    // A replay from a checkpoint, one starting mid-day and one from before the first checkpoint (folded from the start).
    for (const [from, to] of [[day(0), day(1)], [new Date(Date.parse(day(1)) + 5.5 * 3600_000).toISOString(), day(3)], ['2026-01-01T00:00:00.000Z', day(-3)]]) {
      const [replay, pgReplay] = await read((p) => replayStep(p.reads, from, to));
      expect(pgReplay).toEqual(replay);
    }
    const [replay] = await read((p) => replayStep(p.reads, day(0), day(1)));
    expect(replay.markers.length * replay.steps.length).toBeGreaterThan(0);
    // Kinerja to now (the open counts) and over a range that ended (the open reports then).
    for (const q of [{ days: 7 }, { days: 1 }, { from: '2026-11-19', to: '2026-11-22' }]) {
      const r = kinerjaRange(ctx, q);
      const [figures, pgFigures] = await read((p) => kinerjaFiguresStep(p.reads, clock, r));
      expect(pgFigures).toEqual(figures);
      expect(figures.sums.perAgency.size).toBeGreaterThan(0);
    }
    // Open311: a window with and without filters, a page further on, and tickets.
    const category = store.reports.latest(1)[0].categoryId;
    const window = { from: day(-10), to: day(10), limit: 10, offset: 0 };
    for (const f of [{ ...window, categories: [], statuses: [] }, { ...window, categories: [category], statuses: ['new' as const, 'dispatched' as const] }, { ...window, categories: [], statuses: [], offset: 10 }]) {
      const [ids, pgIds] = await read((p) => p.reads.open311Ids(f));
      expect(pgIds).toEqual(ids);
      expect(ids.length).toBeGreaterThan(0);
    }
    const tickets = store.reports.latest(5).map((r) => r.ticket);
    const [byTicket, pgByTicket] = await read((p) => p.reads.idsOfTickets([...tickets, 'TNG-0000-000000']));
    expect(pgByTicket).toEqual(byTicket);
    expect(byTicket.length).toBe(5);
    // The audit's pages: every event of the days, a page at a time.
    const [events, pgEvents] = await read((p) => eventsBetween(p.reads, day(-1), day(5)));
    expect(pgEvents).toEqual(events);
    const [pages] = await read(function* (p) {
      return [yield* p.reads.eventsBetween(day(-1), day(5), 0, 7), yield* p.reads.eventsBetween(day(-1), day(5), events[6].seq, 7)];
    });
    expect(pages.flat()).toEqual(events.slice(0, 14));
  });
  it('keeps the hubs\' runs and the screens they hold alike on both stores: the data gaps\' runs, presence across hubs', async () => {
    const both = <T>(make: (p: Ports) => Step<T>) => onBoth(store.ports, (tx) => pgPorts(tx, projector, new Map()), pg, make);
    const t = (h: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + h * 3600_000).toISOString();
    await both(function* (p) {
      yield* p.runs.startRun('run-1', t(0));
      yield* p.runs.aliveRun('run-1', t(5));
      yield* p.runs.startRun('run-2', t(8));
      yield* p.runs.aliveRun('run-2', t(9));
      yield* p.runs.startRun('run-3', t(12));
    });
    expect(await both((p) => p.runs.runsOverlapping(t(6), t(13)))).toEqual([
      { startedAt: t(0), lastAliveAt: t(5) },
      { startedAt: t(8), lastAliveAt: t(9) },
      { startedAt: t(12), lastAliveAt: t(12) },
    ]);
    // Presence: run-3 holds two screens, run-2 one; run-1 is dead by t(7), and its row goes when another run writes.
    await both(function* (p) {
      yield* p.runs.replaceDisplayConnections('run-1', ['display-old'], t(0));
      yield* p.runs.replaceDisplayConnections('run-2', ['display-b'], t(0));
      yield* p.runs.replaceDisplayConnections('run-3', ['display-c', 'display-a'], t(7));
    });
    expect(await both((p) => p.runs.displaysOnOtherRuns('run-3', t(9)))).toEqual(['display-b']);
    expect(await both((p) => p.runs.displaysOnOtherRuns('run-2', t(9)))).toEqual(['display-a', 'display-c']);
    expect(await both((p) => p.runs.displaysOnOtherRuns('run-9', t(0)))).not.toContain('display-old');
  });
});

describe('npm run rebuild on PostgreSQL', () => {
  it('folds the PostgreSQL log into the projections it holds, and names a row that differs from the fold', async () => {
    const { pg, projector } = await freshPg();
    await replayIntoPg(source, pg, projector);
    const clean = await rebuildPg(pg, ctx.city.clock);
    expect(clean).toEqual({ events: store.events.headSeq(), differences: [] });
    await pg.pool.query("UPDATE reports SET status = 'closed' WHERE id = (SELECT MIN(id) FROM reports WHERE status <> 'closed')");
    const { differences } = await rebuildPg(pg, ctx.city.clock);
    expect(differences.map((d) => [d.projection, d.fields])).toEqual([['reports', ['status']]]);
  });
});

describe('refusing a PostgreSQL log that is not a copy of this SQLite one', () => {
  it('refuses one that differs at some seq, naming it, and writes nothing', async () => {
    const { pg, projector } = await freshPg();
    const first = source.rowsSince(0, 3);
    // Two events of this city, then one of another history at seq 3.
    await pg.transactions.transaction(async (tx) => {
      for (const r of first.slice(0, 2)) await pg.events.appendRow(tx, { at: r.at, actorId: r.actor_id, actorRole: r.actor_role, type: r.type, reportId: r.report_id, payload: r.payload });
      await pg.events.appendRow(tx, { at: first[2].at, actorId: 'someone-else', actorRole: 'admin', type: 'display.paired', reportId: null, payload: '{}' });
    });
    await expect(replayIntoPg(source, pg, projector)).rejects.toThrow(DivergedLogError);
    await expect(replayIntoPg(source, pg, projector)).rejects.toThrow(/differs from the SQLite log at seq 3/);
    expect(await pg.events.headSeq()).toBe(3);
    expect((await pg.pool.query('SELECT COUNT(*)::int AS n FROM reports')).rows[0].n).toBe(0);
  });

  it('refuses to go on from a copy whose projections were another set than this build\'s', async () => {
    const { pg, projector } = await freshPg();
    // The beginning copied by a build that had the reports projection alone: its open counts never saw those events.
    const beginning = { headSeq: () => 100, rowsSince: (seq: number, n: number) => source.rowsSince(seq, Math.min(n, 100 - seq)) };
    const reportsAlone = projector.projections.filter((p) => p.name === 'reports');
    expect((await replayIntoPg(beginning, pg, new PgProjector(pg.events, reportsAlone))).copied).toBe(100);
    await expect(replayIntoPg(source, pg, projector)).rejects.toThrow(/projections were filled by a copy with \["reports"\], this one has \["replay checkpoints","reports","rollups","open counts"/);
    expect(await pg.events.headSeq()).toBe(100);
  });

  it('refuses one longer than the SQLite log', async () => {
    const { pg, projector } = await freshPg();
    await replayIntoPg(source, pg, projector);
    const head = await pg.events.headSeq();
    await pg.transactions.transaction((tx) =>
      projector.append(tx, { type: 'display.paired', reportId: null, at: now.toISOString(), actor: { id: 'admin', role: 'admin', name: 'Admin' }, payload: {} }),
    );
    await expect(replayIntoPg(source, pg, projector)).rejects.toThrow(`reaches seq ${head + 1}, the SQLite log only seq ${head}`);
  });
});
