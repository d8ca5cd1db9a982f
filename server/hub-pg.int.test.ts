import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub } from './hub.js';
import { photo, postReport, testConfig, validReport, WallClient } from './testing/hub.js';
import { testDatabase } from './testing/postgres.js';
import { createAccount } from './commands/accounts.js';
import { SYSTEM } from './contract/roles.js';
import { loadCity } from './profile/load.js';
import { areaAt } from './domain/geography.js';
import { cameraSimulator, type CameraSimulator } from './testing/cameras.js';

/**
 * Two hubs on one PostgreSQL database (PANTAU_DATABASE_URL), as a city that outgrew its SQLite file runs them: every
 * screen and route on the same code as on SQLite, an event on either hub reaches the walls on both in seq order.
 */
const db = await testDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'pantau-hub-pg-'));
const hubs: { hub: Hub; url: string }[] = [];
const city = loadCity('tangerang');
let sim: CameraSimulator;
const PASSWORD = 'sandi-uji-coba-123';

async function start(): Promise<{ hub: Hub; url: string }> {
  // The jobs on, as in a running hub: the cameras shared out between the two, the deadline sweep under its lease.
  const hub = await createHub(testConfig(dataDir, { databaseUrl: db.url, cameraMonitor: true, deadlineScheduler: true, cameraSimulatorUrl: sim.url }));
  const started = { hub, url: `http://127.0.0.1:${await hub.listen()}` };
  hubs.push(started);
  return started;
}

async function loginAs(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const get = async (url: string, path: string, cookie?: string) => {
  const res = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};

beforeAll(async () => {
  sim = await cameraSimulator(city);
  await start();
  await start();
});
afterAll(async () => {
  for (const { hub } of hubs.reverse()) await hub.close();
  await sim?.close();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hubs on PostgreSQL', () => {
  it('run on the database the setting names, and send every event to every wall in seq order', async () => {
    const [a, b] = hubs;
    expect([a.hub.storeKind, b.hub.storeKind]).toEqual(['postgresql', 'postgresql']);
    expect(a.hub.ctx.store.storeId).toBe(b.hub.ctx.store.storeId);
    const supervisor = await createAccount(a.hub.ctx, SYSTEM, { username: 'supervisor.pg', name: 'Supervisor PG', role: 'supervisor', agencyId: null, password: PASSWORD });
    expect(supervisor.ok).toBe(true);

    const onA = new WallClient(a.url);
    const onB = new WallClient(b.url);
    const seqs: number[] = [];
    onB.socket.on('report.event', (e) => seqs.push(e.seq));
    onB.socket.on('live.tick', (e) => seqs.push(e.seq));
    onB.socket.on('camera.event', (e) => seqs.push(e.seq));
    await onA.until(() => onA.catchUps.length === 1);
    await onB.until(() => onB.catchUps.length === 1);
    const from = onB.seq;
    // Alternating hubs, some at once: each hub's commits interleave with the other's in the one log.
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(...(await Promise.all([postReport(a.url, validReport(), [await photo()]), postReport(b.url, validReport({ description: `Lampu jalan padam nomor ${i}` }), [await photo()])])));
    expect(filed.map((f) => f.status)).toEqual([201, 201, 201, 201, 201, 201]);

    // The agency's operator, signed in on hub B, checks a report hub A filed; both walls show it checked.
    const first = filed[0].body as { id: number; ticket: string };
    const { agencyId, districtCode, subdistrictCode, lng, lat } = (await a.hub.ctx.store.query((p) => p.reports.report(first.id)))!;
    // Its kecamatan and kelurahan from PostGIS (the city's areas loaded at open), as the profile's areas say.
    expect(a.hub.ctx.areasAt).toBeTypeOf('function');
    expect([districtCode, subdistrictCode]).toEqual([areaAt(city.districts, lng, lat)!.code, areaAt(city.subdistricts, lng, lat)!.code]);
    expect((await createAccount(b.hub.ctx, SYSTEM, { username: 'operator.pg', name: 'Operator PG', role: 'operator', agencyId, password: PASSWORD })).ok).toBe(true);
    const operator = await loginAs(b.url, 'operator.pg');
    const page = await get(b.url, `/api/console/reports/${first.id}`, operator);
    expect(page.status).toBe(200);
    const act = await fetch(`${b.url}/api/console/reports/${first.id}/actions`, {
      method: 'POST', headers: { cookie: operator, origin: b.url, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'check', expectedVersion: page.body.report.version }),
    });
    expect(act.status).toBe(200);
    const cookie = await loginAs(b.url, 'supervisor.pg');
    const head = (await get(a.url, '/api/health')).body.seq as number;
    await onA.until(() => onA.seq === head);
    await onB.until(() => onB.seq === head);
    // Every seq after the catch-up, once and in order (B may relay one the catch-up already held: a wall skips it).
    expect(seqs.filter((n) => n > from && n <= head)).toEqual(Array.from({ length: head - from }, (_, i) => from + 1 + i));
    expect(onA.markers.get(first.id)?.[1]).toBe('checked');
    expect([...onB.markers.entries()].sort()).toEqual([...onA.markers.entries()].sort());
    // Every camera probed by one of the two hubs and shown online on both walls.
    const online = (w: WallClient) => w.cameras.size === city.profile.cameras.length && [...w.cameras.values()].every((c) => c.health === 'online');
    await onA.until(() => online(onA));
    await onB.until(() => online(onB));
    onA.close();
    onB.close();

    // The console's queue and a search (the session signed in on B holds on A: one store), kinerja, the replay,
    // Open311 and a photo, read from PostgreSQL by either hub.
    const mine = await get(a.url, '/api/console/reports?q=padam', cookie);
    expect(mine.status).toBe(200);
    expect(mine.body.reports.map((r: { description: string }) => r.description).sort()).toEqual([0, 1, 2].map((i) => `Lampu jalan padam nomor ${i}`));
    expect((await get(b.url, '/api/stats?days=7', cookie)).body.agencies.reduce((n: number, x: { received: number }) => n + x.received, 0)).toBe(6);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const replay = await get(b.url, `/api/replay?date=${today}`, cookie);
    expect(replay.status).toBe(200);
    expect(replay.body.steps.length).toBeGreaterThanOrEqual(7);
    const open311 = await get(a.url, `/open311/v2/requests/${first.ticket}.json`);
    expect(open311.body[0]).toMatchObject({ service_request_id: first.ticket, status: 'open' });
    const hash = open311.body[0].media_url.match(/media\/([a-f0-9]{64})\//)[1];
    const file = await get(b.url, `/media/${hash}/display.webp`);
    expect([file.status, file.type]).toEqual([200, 'image/webp']);
    expect((await get(a.url, '/api/health')).status).toBe(200);
  });
});
