import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { sweepDeadlines } from '../server/commands/deadline-sweep.js';
import { DARK_CAMERA as DEAD } from '../server/testing/templates.js';
import { loadCity } from '../server/profile/load.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';

// The demo city seeded once per run: a fortnight of reports, indicators, and one camera dark (its alert open).
const city = loadCity('tangerang');
const e2e = useE2e({ from: 'demo' });

beforeAll(async () => {
  await sweepDeadlines(e2e.hub.ctx, 5000);
  expect(e2e.hub.ctx.store.cameras.get(DEAD)?.health).toBe('offline');
});

const open = (path: string, ready: string, size = { width: 1920, height: 1080 }): Promise<Page> => e2e.wall(path, ready, size);

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

  it('the map wall alerts on the dark camera, draws cameras apart from reports, and redraws its markers when the window changes size', async () => {
    const page = await open('/wall', 'body[data-live="ready"]');
    await page.waitForSelector(`[data-testid="camera-alert"][data-camera-id="${DEAD}"]`, { timeout: 20_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map.queryRenderedFeatures({ layers: ['cameras-points'] }).length), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-camera-alert.png') });

    // The window shrinks to 1280 px (scale 0.75 of a 1080p wall's): the markers are drawn again at that size.
    type Pantau = { __pantau: { map: import('maplibre-gl').Map } };
    const radius = () => page.evaluate(() => JSON.stringify((window as unknown as Pantau).__pantau.map.getPaintProperty('reports-points', 'circle-radius') ?? null));
    expect(await radius()).toBe(JSON.stringify(['case', ['==', ['get', 'phase'], 'grey'], 5, ['==', ['get', 'breached'], 1], 10, 8]));
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(radius, { timeout: 20_000 }).toBe(JSON.stringify(['case', ['==', ['get', 'phase'], 'grey'], 3.75, ['==', ['get', 'breached'], 1], 7.5, 6]));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Pantau).__pantau.map.queryRenderedFeatures({ layers: ['reports-points', 'reports-clusters', 'cameras-points'] }).length), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-resized-1280.png') });
    await page.close();
  });

  it('the kinerja screen ranks every agency with charts', async () => {
    const page = await open('/wall/kinerja', 'body[data-kinerja="ready"]');
    expect(await page.locator('[data-testid="kinerja-row"]').count()).toBe(city.profile.agencies.length);
    for (const chart of ['kinerja-chart-ontime', 'kinerja-chart-trend', 'kinerja-chart-backlog', 'kinerja-map']) await page.waitForSelector(`[data-testid="${chart}"]`);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-kinerja.png') });
    await page.close();
  });
});
