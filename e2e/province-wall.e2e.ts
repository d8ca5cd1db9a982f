import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cityWallToken, openInstallation, type Installation } from '../server/installation.js';
import { photo, postReport, testConfig, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { ARTIFACTS, launch } from './browser.js';
import { DIST } from './harness.js';

/**
 * The province's wall of an installation of two cities (PANTAU_CITIES=tangerang,malang): each city's report is a
 * marker on the one map, in that city's layer, and counts in its row of the league, the city most behind first.
 */
let installation: Installation;
let urls: string[];
let provinceUrl: string;
let browser: Browser;
let dataDir: string;
// A point in Kota Malang (its profile's map centre).
const IN_MALANG = { lat: -7.9783, lon: 112.635907 };

beforeAll(async () => {
  const launched = launch();
  dataDir = mkdtempSync(join(tmpdir(), 'pantau-province-e2e-'));
  installation = await openInstallation(testConfig(dataDir, { cities: ['tangerang', 'malang'], city: 'tangerang', staticDir: DIST }));
  const ports = await installation.listen();
  urls = ports.cities.map((p) => `http://127.0.0.1:${p}`);
  provinceUrl = `http://127.0.0.1:${ports.province}`;
  browser = await launched;
});
afterAll(async () => {
  await browser?.close();
  await installation?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Row = { city: string; red: number; breached: number };
const league = (page: Page) =>
  page.$$eval('[data-testid="league-row"]', (rows) => rows.map((r) => ({ city: (r as HTMLElement).dataset.city!, red: Number((r as HTMLElement).dataset.red), breached: Number((r as HTMLElement).dataset.breached) })));

/** The report features MapLibre holds in a city's own layer of the province's map. */
const drawnIn = (page: Page, city: string) =>
  page.evaluate((c) => {
    const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
    return [...new Set(map.querySourceFeatures(`${c}:reports`).flatMap((f) => (f.properties?.point_count ? [] : [Number(f.properties?.id)])))];
  }, city);

describe("the province's wall", () => {
  it("draws each city's reports in its own layer, and ranks the cities by what waits", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${provinceUrl}/wall/provinsi?display=${cityWallToken(WALL_TOKEN, 'provinsi')}`);
    await page.waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
    expect(await league(page)).toEqual<Row[]>([
      { city: 'malang', red: 0, breached: 0 },
      { city: 'tangerang', red: 0, breached: 0 },
    ]);

    const inTangerang = await postReport(urls[0], validReport(), [await photo()]);
    const inMalang = await Promise.all([1, 2].map(async (i) => postReport(urls[1], validReport({ ...IN_MALANG, lat: IN_MALANG.lat + i * 0.002, description: `Jalan berlubang nomor ${i}` }), [await photo()])));
    expect([inTangerang, ...inMalang].map((r) => r.status)).toEqual([201, 201, 201]);

    // Malang, with two untouched reports, now leads; the header adds the cities up.
    await expect.poll(() => league(page), { timeout: 20_000, interval: 250 }).toEqual([
      { city: 'malang', red: 2, breached: 0 },
      { city: 'tangerang', red: 1, breached: 0 },
    ]);
    expect(await page.textContent('[data-testid="count-red"] .count-num')).toBe('3');
    await expect.poll(() => drawnIn(page, 'tangerang'), { timeout: 20_000, interval: 250 }).toEqual([Number(inTangerang.body.id)]);
    // Report ids repeat between cities (each store counts its own): Malang's are in Malang's layer, not Tangerang's.
    await expect.poll(async () => (await drawnIn(page, 'malang')).sort(), { timeout: 20_000, interval: 250 }).toEqual(inMalang.map((r) => Number(r.body.id)).sort());
    await page.screenshot({ path: join(ARTIFACTS, 'province-wall.png') });
    expect(errors).toEqual([]);
  });
});
