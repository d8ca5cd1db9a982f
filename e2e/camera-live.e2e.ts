import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import type { Config } from '../server/config.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { loadCity } from '../server/profile/load.js';
import { startCameraMonitor } from '../server/jobs/camera-monitor.js';
import { ARTIFACTS, launch } from './browser.js';
import { cameraSimulator, type CameraSimulator } from './cameras.js';

// CCTV at a big city's scale, end to end: a camera freezes and the grid and map say so; an operator opens a
// camera's live video (real HLS: H.264 segments ffmpeg made, through the hub's proxy, played by hls.js) from the
// report panel and it plays; an admin moves a camera and the wall redraws it. Probes run on this test's clock.
const city = loadCity('tangerang');
const FROZEN = 'taman-potret';
const clock = { t: Date.parse('2026-11-23T09:00:00+07:00') };
let sim: CameraSimulator;
let hub: Hub;
let url: string;
let config: Config;
let browser: Browser;
let monitor: ReturnType<typeof startCameraMonitor>;
const contexts: BrowserContext[] = [];

/** One probe of every camera, then the clock moves past the interval. */
async function probeRound() {
  clock.t += 11_000;
  await monitor.tick();
}

beforeAll(async () => {
  sim = await cameraSimulator(city, clock);
  ({ hub, url, config } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist'), cameraSimulatorUrl: sim.url }, { now: () => new Date(clock.t) }));
  await seedAccounts(hub.ctx);
  monitor = startCameraMonitor(hub.ctx, { snapshotsDir: config.snapshotsDir, concurrency: 32, timeoutMs: 5000, log: hub.log, timer: false });
  await probeRound();
  await probeRound();
  browser = await launch();
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await hub?.close();
  await sim?.close();
});

async function page(path: string, opts: { login?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1920, height: 1080 } });
  contexts.push(context);
  const p = await context.newPage();
  if (!opts.login) {
    await p.goto(`${url}${path}${path.includes('?') ? '&' : '?'}display=${WALL_TOKEN}`);
    return p;
  }
  await p.goto(`${url}${path}`);
  await p.fill('[data-testid="login-username"]', opts.login);
  await p.fill('[data-testid="login-password"]', DEMO_PASSWORD);
  await p.click('[data-testid="login-submit"]');
  return p;
}

// One map wall for the whole file, as a room keeps its wall open: the camera that freezes and the camera that moves
// are both read off it (each load of the map costs seconds of SwiftShader).
let mapWall: Page | null = null;
async function theWall(): Promise<Page> {
  if (mapWall) return mapWall;
  mapWall = await page('/wall');
  await mapWall.waitForSelector('body[data-live="ready"]', { timeout: 120_000 });
  return mapWall;
}

const cameraFeature = (p: Page, id: string) =>
  p.evaluate((cid) => {
    const map = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map;
    const f = map.querySourceFeatures('cameras').find((x) => x.properties?.id === cid);
    return f ? { health: f.properties!.health as string, coords: (f.geometry as GeoJSON.Point).coordinates } : null;
  }, id);

describe('CCTV at scale', () => {
  it('a camera that freezes turns degraded on its grid tile and its map marker within the frozen rule', async () => {
    const grid = await page('/wall/kamera');
    await grid.waitForSelector('body[data-cameras="ready"]', { timeout: 120_000 });
    const wall = await theWall();
    const tile = grid.locator(`[data-testid="camera-tile"][data-camera-id="${FROZEN}"]`);
    expect(await tile.getAttribute('data-health')).toBe('online');

    // Frozen: the same frame four probes running (the frame held at the freeze was already seen once).
    sim.setMode(FROZEN, 'frozen');
    for (let i = 0; i < 3; i++) await probeRound();
    expect(hub.ctx.store.cameras.get(FROZEN)).toMatchObject({ health: 'degraded', reason: 'frozen' });
    await expect.poll(() => tile.getAttribute('data-health'), { timeout: 20_000 }).toBe('degraded');
    await expect.poll(async () => (await cameraFeature(wall, FROZEN))?.health, { timeout: 20_000 }).toBe('degraded');
    await grid.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="camera-tile"] img')].some((i) => i.complete && i.naturalWidth > 0));
    await grid.screenshot({ path: join(ARTIFACTS, 'camera-grid-frozen.png') });
    // The grid refreshes its snapshots while open: closed here, it does not tax the tests that follow.
    await grid.context().close();
  });

  it('an operator opens the live video of a camera near a report from the report panel, and its frames advance', async () => {
    const cam = city.profile.cameras.find((c) => c.streamUrl)!;
    const filed = await postReport(url, validReport({ lat: cam.location[1] + 0.0004, lon: cam.location[0], description: 'Lubang besar dekat kamera' }), [await photo()]);
    const id = Number(filed.body.id);
    // A desk's laptop: SwiftShader composites every video frame over the whole page, so the smaller the cheaper.
    const desk = await page('/console', { login: 'supervisor', viewport: { width: 1366, height: 768 } });
    await desk.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    await desk.click(`[data-testid="queue-row"][data-report-id="${id}"]`, { timeout: 30_000 });
    await desk.waitForSelector(`[data-testid="report-panel"][data-report-id="${id}"]`);
    await desk.locator('[data-testid="open-live"]').first().click({ timeout: 30_000 });
    const video = desk.locator('[data-testid="live-video"]');
    await video.waitFor();
    // The simulated cameras' live edge is this test's clock, held still while the video plays: the player has the
    // playlist's last segments to play at whatever pace a starved machine allows (a live edge moving at real speed
    // outran the decoder when two test files shared the cores, and the player kept jumping to it).
    // Frames advancing: the seconds of video played, counted by the page itself. A stall on a starved machine
    // makes the player start over (currentTime back to 0), so it is the sum of forward steps, not one reading.
    await desk.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="live-video"] video')!;
      const w = window as unknown as { __played: number };
      let last = v.currentTime;
      w.__played = 0;
      v.addEventListener('timeupdate', () => {
        const step = v.currentTime - last;
        if (step > 0 && step < 5) w.__played += step;
        last = v.currentTime;
      });
    });
    await desk.waitForFunction(() => (window as unknown as { __played: number }).__played >= 1, null, { timeout: 120_000, polling: 500 });
    await expect.poll(() => video.getAttribute('data-state'), { timeout: 30_000 }).toBe('playing');
    // Paused for the picture: a screenshot of a playing video waits on a software compositor for tens of seconds.
    await desk.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="live-video"] video')!.pause());
    await desk.screenshot({ path: join(ARTIFACTS, 'console-live-video.png') });
    // Closing it stops the stream.
    await desk.locator('[data-testid="open-live"][aria-pressed="true"]').click();
    await video.waitFor({ state: 'detached' });
    await desk.context().close();
  });

  it('an admin moves a camera on the console map and every wall redraws it', async () => {
    const wall = await theWall();
    const target = 'pasar-anyar';
    const before = await cameraFeature(wall, target);
    expect(before).not.toBeNull();
    const admin = await page('/console/kamera', { login: 'admin' });
    await admin.waitForSelector('[data-testid="camera-row"]', { timeout: 60_000 });
    await admin.screenshot({ path: join(ARTIFACTS, 'console-camera-admin.png') });
    await admin.locator(`[data-testid="camera-row"][data-camera="${target}"] [data-testid="camera-move"]`).click();
    await admin.waitForSelector('[data-testid="camera-map"][data-ready="true"]', { timeout: 60_000 });
    const to: [number, number] = [Math.round((before!.coords[0] + 0.01) * 1e6) / 1e6, Math.round((before!.coords[1] - 0.005) * 1e6) / 1e6];
    // A click at a computed point of a software-rendered map is fragile; the map's own pick does what the click does.
    await admin.evaluate(([lng, lat]) => (document.querySelector('[data-testid="camera-map"]') as HTMLElement & { pick: (a: number, b: number) => void }).pick(lng, lat), to);
    await admin.screenshot({ path: join(ARTIFACTS, 'console-camera-move.png') });
    await admin.click('[data-testid="camera-move-save"]');
    // The map hands coordinates back as 32-bit floats: within a metre is the same point.
    const off = async () => {
      const c = (await cameraFeature(wall, target))?.coords;
      return c ? Math.max(Math.abs(c[0] - to[0]), Math.abs(c[1] - to[1])) : 1;
    };
    await expect.poll(off, { timeout: 20_000 }).toBeLessThan(1e-5);
    expect(hub.ctx.store.cameras.get(target)).toMatchObject({ lng: to[0], lat: to[1] });
  });
});
