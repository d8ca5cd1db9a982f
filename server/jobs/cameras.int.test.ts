import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { SqliteHub as Hub } from '../hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';
import { cameraSimulator, type CameraSimulator } from '../testing/cameras.js';
import { loadCity } from '../profile/load.js';
import { seedAccounts } from '../../scripts/seed-accounts.js';
import { acknowledgeCameraAlert } from '../commands/cameras.js';
import { startCameraMonitor } from './camera-monitor.js';
import { nearestOnline } from '../domain/cameras.js';
import type { Config } from '../config.js';

const city = loadCity('tangerang');
let sim: CameraSimulator;
let hub: Hub;
let url: string;
let config: Config;
let monitor: ReturnType<typeof startCameraMonitor>;
let wall: WallClient;
const clock = { t: Date.parse('2026-11-23T01:00:00Z') };
const CAM = 'simpang-cikokol';
/** Gives an HLS stream in the profile. */
const HLS = 'jl-mh-thamrin';

/** One round of the monitor, then the clock moves on by a polling interval. */
async function round() {
  await monitor.tick();
  clock.t += 10_000;
}

beforeAll(async () => {
  sim = await cameraSimulator(city, clock);
  ({ hub, url, config } = await startTestHub({ cameraSimulatorUrl: sim.url }, { now: () => new Date(clock.t), from: 'accounts' }));
  // The test drives the monitor's rounds itself, with its own clock.
  monitor = startCameraMonitor(hub.ctx, { snapshotsDir: config.snapshotsDir, concurrency: 32, timeoutMs: 30_000, log: hub.log, timer: false });
  wall = new WallClient(url);
  await wall.until(() => wall.catchUps.length === 1);
}, 30_000);
afterAll(async () => {
  wall?.close();
  await hub?.close();
  await sim?.close();
});

describe('the camera monitor', () => {
  it('brings every camera online and sends each change to the wall', async () => {
    expect(wall.cameras.size).toBe(city.profile.cameras.length);
    expect(wall.cameras.get(CAM)?.health).toBeNull();
    await round();
    await wall.until(() => [...wall.cameras.values()].every((c) => c.health === 'online'));
    expect(JSON.stringify([...wall.cameras.values()])).not.toMatch(/snapshot\.jpg|password|127\.0\.0\.1/);
  });

  it('serves the latest snapshot to a paired display, and to nobody else', async () => {
    const ok = await fetch(`${url}/api/cameras/${CAM}/snapshot.webp?display=${WALL_TOKEN}`);
    expect(ok.status).toBe(200);
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).format).toBe('webp');
    expect((await fetch(`${url}/api/cameras/${CAM}/snapshot.webp`)).status).toBe(401);
  });

  it('marks a dead camera offline only after three failed probes, with an alert, and recovers it', async () => {
    sim.setMode(CAM, 'dead');
    await round();
    await round();
    expect(wall.cameras.get(CAM)?.health).toBe('online');
    await round();
    await wall.until(() => wall.cameras.get(CAM)?.health === 'offline');
    expect(wall.cameras.get(CAM)).toMatchObject({ alert: 'open', reason: 'failed' });

    const list = (await (await fetch(`${url}/api/cameras`, { headers: { authorization: `Bearer ${WALL_TOKEN}` } })).json()) as { cameras: { id: string; uptime24h: number }[] };
    const share = list.cameras.find((c) => c.id === CAM)!.uptime24h;
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);

    sim.setMode(CAM, 'ok');
    await round();
    expect(wall.cameras.get(CAM)?.health).toBe('offline');
    await round();
    await wall.until(() => wall.cameras.get(CAM)?.health === 'online');
    expect(wall.cameras.get(CAM)?.alert).toBeNull();
  });

  it('calls a frozen and a black camera degraded', async () => {
    sim.setMode('pasar-anyar', 'black');
    sim.setMode('taman-potret', 'frozen');
    for (let i = 0; i < 4; i++) await round();
    await wall.until(() => wall.cameras.get('pasar-anyar')?.health === 'degraded' && wall.cameras.get('taman-potret')?.health === 'degraded');
    expect(wall.cameras.get('pasar-anyar')?.reason).toBe('black');
    expect(wall.cameras.get('taman-potret')?.reason).toBe('frozen');
    // The frozen camera still answers, but its last good frame is from before it froze.
    const frozen = hub.ctx.store.cameras.get('taman-potret')!;
    expect(frozen.lastGoodAt! < frozen.snapshotAt!).toBe(true);
  });

  it("tells the wall when a degraded camera's reason changes (frozen, then black)", async () => {
    sim.setMode('taman-potret', 'black');
    await round();
    await wall.until(() => wall.cameras.get('taman-potret')?.reason === 'black');
    expect(wall.cameraEvents.at(-1)).toMatchObject({ type: 'camera.reason_changed', camera: { id: 'taman-potret', health: 'degraded' } });
  });

  it('lets an operator acknowledge an open alert, and refuses the wall', async () => {
    sim.setMode('stasiun-tangerang', 'dead');
    for (let i = 0; i < 3; i++) await round();
    await wall.until(() => wall.cameras.get('stasiun-tangerang')?.alert === 'open');
    const accounts = await seedAccounts(hub.ctx);
    expect(await acknowledgeCameraAlert(hub.ctx, { id: 'w', role: 'wall' }, 'stasiun-tangerang')).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await acknowledgeCameraAlert(hub.ctx, accounts.operatorOf('dishub'), 'stasiun-tangerang')).ok).toBe(true);
    await wall.until(() => wall.cameras.get('stasiun-tangerang')?.alert === 'acknowledged');
    expect(wall.cameras.get('stasiun-tangerang')?.health).toBe('offline');
  });

  it('plays an HLS camera through the hub, credentials and camera address kept on the hub', async () => {
    const auth = { headers: { authorization: `Bearer ${WALL_TOKEN}` } };
    const res = await fetch(`${url}/api/cameras/${HLS}/live/index.m3u8`, auth);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^#EXTM3U/);
    expect(text).not.toContain('127.0.0.1');
    const seg = text.split('\n').find((l) => l && !l.startsWith('#'))!;
    const ts = await fetch(`${url}/api/cameras/${HLS}/live/${seg}`, auth);
    expect(ts.status).toBe(200);
    // MPEG-TS packets start with the sync byte 0x47.
    expect(Buffer.from(await ts.arrayBuffer())[0]).toBe(0x47);
    expect((await fetch(`${url}/api/cameras/${HLS}/live/s/not-a-key`, auth)).status).toBe(404);
    expect((await fetch(`${url}/api/cameras/${HLS}/live/index.m3u8`)).status).toBe(401);
  });

  it('calls an HLS camera frozen when its playlist stops advancing, and alive while it moves', async () => {
    expect(wall.cameras.get(HLS)?.health).toBe('online');
    sim.setMode(HLS, 'frozen');
    for (let i = 0; i < 4; i++) await round();
    await wall.until(() => wall.cameras.get(HLS)?.health === 'degraded');
    expect(wall.cameras.get(HLS)?.reason).toBe('frozen');
    sim.setMode(HLS, 'ok');
    await round();
    await round();
    await wall.until(() => wall.cameras.get(HLS)?.health === 'online');
  });

  it('attaches the nearest online camera snapshot to a new report nearby', async () => {
    const cam = city.profile.cameras.find((c) => c.id === 'simpang-cikokol')!;
    const { body } = await postReport(url, validReport({ lon: cam.location[0] + 0.001, lat: cam.location[1] }), [await photo()]);
    const stored = hub.ctx.store.reports.get(Number(body.id))!;
    // The nearest camera online at that moment (an HLS camera nearby may be nearer once the others have flapped).
    const point = { lng: cam.location[0] + 0.001, lat: cam.location[1] };
    const [nearest] = nearestOnline(hub.ctx.store.cameras.list().map((c) => ({ ...c, health: c.health ?? 'offline' })), point, 1000, 1);
    expect(stored.cameraSnapshot?.cameraId).toBe(nearest.id);
    expect((await fetch(`${url}/media/${stored.cameraSnapshot!.hash}/display.webp`)).status).toBe(200);
  });
});
