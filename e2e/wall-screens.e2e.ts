import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { sweepDeadlines } from '../server/commands/deadline-sweep.js';
import { DARK_CAMERA as DEAD } from '../server/testing/templates.js';
import { WALL_TOKEN } from '../server/testing/hub.js';
import { loadCity } from '../server/profile/load.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';

// The demo city seeded once per run: a fortnight of reports, indicators, and one camera dark (its alert open).
const city = loadCity('tangerang');
const e2e = useE2e({ from: 'demo' });

beforeAll(() => {
  sweepDeadlines(e2e.hub.ctx, 5000);
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

  it('the map wall alerts on the dark camera and draws cameras apart from reports', async () => {
    const page = await open('/wall', 'body[data-live="ready"]');
    await page.waitForSelector(`[data-testid="camera-alert"][data-camera-id="${DEAD}"]`, { timeout: 20_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map.queryRenderedFeatures({ layers: ['cameras-points'] }).length), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-camera-alert.png') });
    await page.close();
  });

  it('the kinerja screen ranks every agency with charts', async () => {
    const page = await open('/wall/kinerja', 'body[data-kinerja="ready"]');
    expect(await page.locator('[data-testid="kinerja-row"]').count()).toBe(city.profile.agencies.length);
    for (const chart of ['kinerja-chart-ontime', 'kinerja-chart-trend', 'kinerja-chart-backlog', 'kinerja-map']) await page.waitForSelector(`[data-testid="${chart}"]`);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-kinerja.png') });
    await page.close();
  });

  // Each wall screen at 4K once, one after the other in one page (each was opened at 1080p by its own test, here
  // or in indicators/wall-window): nothing scrolls, and the English map wall with a window still shows its badge
  // and window buttons.
  it('every wall screen fits a 4K wall, in one sweep', { timeout: 600_000 }, async () => {
    const page = await open('/wall/kamera', 'body[data-cameras="ready"]', { width: 3840, height: 2160 });
    const fits = () => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
    expect(await fits()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-cameras-4k.png') });
    for (const [path, ready, shot] of [
      ['/wall/kinerja', 'body[data-kinerja="ready"]', 'wall-kinerja-4k.png'],
      ['/wall/indikator', 'body[data-indikator="ready"]', 'wall-indikator-4k.png'],
      ['/wall?jendela=24h&lang=en', 'body[data-live="ready"]', 'wall-window-4k.png'],
    ]) {
      await page.goto(`${e2e.url}${path}${path.includes('?') ? '&' : '?'}display=${WALL_TOKEN}`);
      await page.waitForSelector(ready, { timeout: 120_000 });
      expect(await fits(), path).toBe(true);
      if (path.startsWith('/wall?')) {
        expect(await page.textContent('[data-testid="window-badge"]')).toMatch(/last 24 hours/i);
        await page.mouse.move(1900, 1200);
        await page.mouse.move(1950, 1250);
        await page.waitForSelector('[data-testid="window-control"]');
      }
      await page.screenshot({ path: join(ARTIFACTS, shot) });
    }
    await page.close();
  });
});
