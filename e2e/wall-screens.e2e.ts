import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../server/hub.js';
import type { Config } from '../server/config.js';
import { startTestHub, WALL_TOKEN } from '../server/testing/hub.js';
import { sweepDeadlines } from '../server/commands/deadline-sweep.js';
import { seedDemo } from '../scripts/seed.js';
import { loadCity } from '../server/profile/load.js';
import { ARTIFACTS, launch } from './browser.js';
import { cameraSimulator, darkenCamera, type CameraSimulator } from './cameras.js';

const city = loadCity('tangerang');
const DEAD = 'simpang-cikokol';
let sim: CameraSimulator;
let hub: Hub;
let url: string;
let config: Config;
let browser: Browser;
const clock = { t: Date.now() };

beforeAll(async () => {
  sim = await cameraSimulator(city);
  ({ hub, url, config } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist'), cameraSimulatorUrl: sim.url }, { now: () => new Date(clock.t) }));
  await seedDemo(hub.ctx, { count: 150, days: 14, now: new Date(clock.t) });
  sweepDeadlines(hub.ctx, 5000);
  // The cameras, polled in rounds this test drives: one of them dies.
  await darkenCamera(hub, config, sim, DEAD, clock);
  expect(hub.ctx.store.cameras.get(DEAD)?.health).toBe('offline');
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await sim?.close();
});

async function open(path: string, ready: string, size = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${url}${path}${path.includes('?') ? '&' : '?'}display=${WALL_TOKEN}`);
  await page.waitForSelector(ready, { timeout: 60_000 });
  return page;
}

describe('the wall’s other screens', () => {
  it('the camera grid shows every camera with its snapshot, and the dark one stands out', async () => {
    const page = await open('/wall/kamera', 'body[data-cameras="ready"]');
    expect(await page.locator('[data-testid="camera-tile"]').count()).toBe(city.profile.cameras.length);
    expect(await page.getAttribute(`[data-testid="camera-tile"][data-camera-id="${DEAD}"]`, 'data-health')).toBe('offline');
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="camera-tile"][data-health="online"] img')].some((i) => i.complete && i.naturalWidth > 0));
    // Fits without scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-cameras.png') });
    await page.close();
  });

  it('the map wall alerts on the dark camera and draws cameras apart from reports', async () => {
    const page = await open('/wall', 'body[data-live="ready"]');
    await page.waitForSelector(`[data-testid="camera-alert"][data-camera-id="${DEAD}"]`, { timeout: 20_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map.queryRenderedFeatures({ layers: ['cameras-points'] }).length), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-camera-alert.png') });
    await page.close();
  });

  it('the kinerja screen ranks every agency with charts, readable at 4K too', async () => {
    const page = await open('/wall/kinerja', 'body[data-kinerja="ready"]');
    expect(await page.locator('[data-testid="kinerja-row"]').count()).toBe(city.profile.agencies.length);
    for (const chart of ['kinerja-chart-ontime', 'kinerja-chart-trend', 'kinerja-chart-backlog', 'kinerja-map']) await page.waitForSelector(`[data-testid="${chart}"]`);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-kinerja.png') });
    await page.close();
    const big = await open('/wall/kinerja', 'body[data-kinerja="ready"]', { width: 3840, height: 2160 });
    expect(await big.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await big.close();
  });
});
