import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { ARTIFACTS, launch } from './browser.js';

// Reports received 3 hours ago and just now (the hub's clock is set for each), against the wall's own clock.
let offsetMs = 0;
let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }, { now: () => new Date(Date.now() - offsetMs) }));
  offsetMs = 3 * 3600_000;
  for (let i = 0; i < 4; i++) await postReport(url, validReport({ lat: -6.17 - i * 0.012, lon: 106.6 + i * 0.015 }), [await photo()]);
  offsetMs = 0;
  for (let i = 0; i < 2; i++) await postReport(url, validReport({ lat: -6.2 - i * 0.01, lon: 106.66 + i * 0.01, category: 'jalan-rusak' }), [await photo()]);
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const drawnReports = (page: Page) =>
  page.evaluate(() => {
    const map = window.__pantau!.map!;
    const fs = map.querySourceFeatures('reports');
    // Clusters carry point_count; single markers count one each.
    const ids = new Set<number>();
    let inClusters = 0;
    for (const f of fs) {
      if (f.properties?.point_count) inClusters += Number(f.properties.point_count);
      else ids.add(Number(f.properties?.id));
    }
    return ids.size + inClusters;
  });
const countOf = async (page: Page, phase: string) => Number(((await page.textContent(`[data-testid="count-${phase}"]`)) ?? '').replace(/\D+/g, ' ').trim().split(' ')[0]);

describe('a time window on the wall', () => {
  it('?jendela=1h shows only the last hour\'s reports, the counts agree, and the header says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}/wall?display=${WALL_TOKEN}&jendela=1h`);
    await page.waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="window-badge"]')).toMatch(/1 jam terakhir/i);
    await expect.poll(() => countOf(page, 'red'), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => drawnReports(page), { timeout: 20_000, interval: 250 }).toBe(2);
    expect(await page.evaluate(() => window.__pantau!.live.size())).toBe(6); // the wall still holds the whole city
    expect(await page.locator('.recent-item').count()).toBe(2); // and the latest-reports panel keeps to the window

    // A supervisor moves the mouse: the buttons appear; "Semua" brings back the whole city.
    await page.mouse.move(900, 600);
    await page.mouse.move(960, 620);
    await page.waitForSelector('[data-testid="window-control"]');
    await page.screenshot({ path: join(ARTIFACTS, 'wall-window-1h-control.png') });
    await page.click('[data-window="all"]');
    await expect.poll(() => countOf(page, 'red'), { timeout: 10_000 }).toBe(6);
    await expect.poll(() => drawnReports(page), { timeout: 20_000, interval: 250 }).toBe(6);
    expect(await page.$('[data-testid="window-badge"]')).toBeNull();
    expect(new URL(page.url()).searchParams.get('jendela')).toBeNull();

    await page.click('[data-window="6h"]');
    await expect.poll(() => countOf(page, 'red'), { timeout: 10_000 }).toBe(6);
    expect(new URL(page.url()).searchParams.get('jendela')).toBe('6h');
    // Left alone, the control goes away again: an unattended wall shows only the city.
    await page.waitForSelector('[data-testid="window-control"]', { state: 'detached', timeout: 20_000 });
    await page.close();
  });
  // At 4K: in the sweep of every wall screen (wall-screens.e2e.ts).
});
