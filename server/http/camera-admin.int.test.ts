import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub, WALL_TOKEN, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../../scripts/seed-accounts.js';
import type { CatchUp, ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { LiveCameraEvent } from '../contract/cameras.js';
import type { CameraAdminView } from '../contract/camera-admin.js';
import { loadCity } from '../profile/load.js';

const city = loadCity('tangerang');
let hub: Hub;
let url: string;
let dataDir: string;
let admin: string;
let supervisor: string;
let wall: WallClient;
const SECRET = 'rahasia-kamera-77';

const call = (method: string, path: string, cookie: string, body?: unknown, type = 'application/json') =>
  fetch(`${url}${path}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': type } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });

async function login(username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  ({ hub, url, dataDir } = await startTestHub({}, { from: 'accounts' }));
  await seedAccounts(hub.ctx);
  admin = await login('admin');
  supervisor = await login('supervisor');
  wall = new WallClient(url);
  await wall.until(() => wall.catchUps.length === 1);
}, 60_000);
afterAll(async () => {
  wall?.close();
  await hub?.close();
});

describe('cameras managed at the console', () => {
  it('seeds the profile cameras as camera.added events, once', () => {
    const added = [...hub.ctx.store.events.inRange('', '9999')].filter((e) => e.type === 'camera.added');
    expect(added.length).toBe(city.profile.cameras.length);
    expect(wall.cameras.size).toBe(city.profile.cameras.length);
  });

  it('adds a camera with credentials that no screen ever receives', async () => {
    const res = await call('POST', '/api/admin/cameras', admin, {
      id: 'pintu-air-10', name: 'Pintu Air 10', kind: 'flood_gauge', location: [106.63, -6.18],
      snapshotUrl: `http://petugas:${SECRET}@127.0.0.1:9/cgi-bin/snapshot.jpg?token=${SECRET}`, streamUrl: 'http://127.0.0.1:9/live/index.m3u8',
    });
    expect(res.status).toBe(201);
    const { camera } = (await res.json()) as { camera: CameraAdminView };
    expect(camera).toMatchObject({ id: 'pintu-air-10', live: true, hasCredentials: true, snapshotUrl: 'http://127.0.0.1:9/cgi-bin/snapshot.jpg?token=***' });
    await wall.until(() => wall.cameras.has('pintu-air-10'));
    // The monitor reads with them: they are on the hub.
    expect(hub.ctx.store.cameras.get('pintu-air-10')).toMatchObject({ username: 'petugas', password: SECRET });
  });

  it('keeps every URL with credentials out of all camera JSON a browser can get, and out of the log', async () => {
    const seen: string[] = [JSON.stringify([...wall.cameras.values()]), JSON.stringify(wall.cameraEvents)];
    for (const [path, cookie] of [['/api/admin/cameras', admin], ['/api/cameras', supervisor], [`/api/console/audit.csv?from=2020-01-01&to=2030-12-31`, supervisor]] as const)
      seen.push(await (await call('GET', path, cookie)).text());
    seen.push(await (await fetch(`${url}/api/cameras`, { headers: { authorization: `Bearer ${WALL_TOKEN}` } })).text());
    for (const text of seen) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/\/\/[^/\s"]+:[^/\s"]+@/);
    }
    const log = JSON.stringify([...hub.ctx.store.events.inRange('', '9999')]);
    expect(log).not.toContain(SECRET);
  });

  it('edits, moves, disables, enables and removes a camera, each an event every wall hears', async () => {
    const id = 'pintu-air-10';
    const n = wall.cameraEvents.length;
    expect((await call('PATCH', `/api/admin/cameras/${id}`, admin, { name: 'Pintu Air Sepuluh' })).status).toBe(200);
    expect((await call('POST', `/api/admin/cameras/${id}/move`, admin, { location: [106.64, -6.19] })).status).toBe(200);
    await wall.until(() => wall.cameras.get(id)?.lng === 106.64);
    expect(wall.cameras.get(id)).toMatchObject({ name: 'Pintu Air Sepuluh', lat: -6.19 });
    // Editing the name leaves the stored password alone (the form never sees it).
    expect(hub.ctx.store.cameras.get(id)?.password).toBe(SECRET);
    expect((await call('POST', `/api/admin/cameras/${id}/disable`, admin, { reason: 'perbaikan tiang' })).status).toBe(200);
    await wall.until(() => wall.cameras.get(id)?.disabled === true);
    expect(hub.ctx.store.cameras.due('9999-01-01T00:00:00.000Z').some((c) => c.id === id)).toBe(false);
    expect((await call('POST', `/api/admin/cameras/${id}/enable`, admin)).status).toBe(200);
    expect((await call('POST', `/api/admin/cameras/${id}/remove`, admin, { reason: 'dibongkar' })).status).toBe(200);
    await wall.until(() => wall.cameraEvents.some((e) => e.type === 'camera.removed'));
    expect(wall.cameraEvents.slice(n).map((e) => e.type)).toEqual(['camera.updated', 'camera.moved', 'camera.disabled', 'camera.enabled', 'camera.removed']);
    expect(hub.ctx.store.cameras.get(id)).toBeNull();
  });

  it('refuses a supervisor, and a bad row of a CSV imports nothing', async () => {
    expect((await call('POST', '/api/admin/cameras', supervisor, { id: 'x-1', name: 'X', location: [106.6, -6.2], snapshotUrl: 'http://127.0.0.1:9/a.jpg' })).status).toBe(403);
    const bad = 'id;nama;lng;lat;snapshot_url\nkali-1;Kali Satu;106,61;-6,17;http://127.0.0.1:9/1.jpg\nkali-2;Kali Dua;timur;-6,17;http://127.0.0.1:9/2.jpg\n';
    const r = await call('POST', '/api/admin/cameras/import', admin, bad, 'text/csv');
    expect(r.status).toBe(422);
    expect(((await r.json()) as { errors: { row: number }[] }).errors).toEqual([expect.objectContaining({ row: 3 })]);
    expect(hub.ctx.store.cameras.get('kali-1')).toBeNull();
  });

  it('imports a CSV of cameras, each a camera.added event', async () => {
    const csv = 'id,name,kind,lng,lat,snapshot_url,username,password\nkali-1,Kali Satu,traffic,106.61,-6.17,http://127.0.0.1:9/1.jpg,op,pw-1\nkali-2,Kali Dua,landfill,106.62,-6.17,http://127.0.0.1:9/2.jpg,,\n';
    const r = await call('POST', '/api/admin/cameras/import', admin, csv, 'text/csv');
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ added: 2 });
    await wall.until(() => wall.cameras.has('kali-1') && wall.cameras.has('kali-2'));
    expect(hub.ctx.store.cameras.get('kali-1')).toMatchObject({ username: 'op', password: 'pw-1', kind: 'traffic' });
  });

  it('gives a cameras-only screen camera events and no markers', async () => {
    const catchUps: CatchUp[] = [];
    const events: LiveCameraEvent[] = [];
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { transports: ['websocket'], auth: { display: WALL_TOKEN, only: 'cameras' } });
    let reports = 0;
    s.on('live.catchup', (c) => catchUps.push(c));
    s.on('camera.event', (e) => events.push(e));
    s.on('report.event', () => reports++);
    await wall.until(() => catchUps.length === 1);
    expect(catchUps[0].markers).toEqual([]);
    expect(catchUps[0].cameras.length).toBe(hub.ctx.store.cameras.list().length);
    await call('POST', '/api/admin/cameras/kali-2/move', admin, { location: [106.625, -6.175] });
    await wall.until(() => events.length === 1);
    expect(events[0]).toMatchObject({ type: 'camera.moved', camera: { id: 'kali-2', lng: 106.625 } });
    expect(reports).toBe(0);
    s.close();
  });

  it('does not bring a removed profile camera back on restart', async () => {
    const id = city.profile.cameras[0].id;
    expect((await call('POST', `/api/admin/cameras/${id}/remove`, admin, { reason: 'dipindah ke tiang lain' })).status).toBe(200);
    await hub.close();
    ({ hub, url } = await startTestHub({ dataDir }));
    expect(hub.ctx.store.cameras.get(id)).toBeNull();
    expect(hub.ctx.store.cameras.get('kali-1')).not.toBeNull();
  });
});
