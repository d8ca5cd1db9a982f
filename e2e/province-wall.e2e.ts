import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cityWallToken, openInstallation, type Installation } from '../server/installation.js';
import { photo, postReport, testConfig, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { createAccount } from '../server/commands/accounts.js';
import { SYSTEM } from '../server/contract/roles.js';
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

describe("the province's wall, and a report forwarded between its cities", () => {
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

  it("a Malang report forwarded to Tangerang leaves Malang's wall, is red on Tangerang's, and its tracking page shows both steps", async () => {
    const [tangerang, malang] = installation.hubs;
    const [tngUrl, mlgUrl] = urls;
    expect((await createAccount(malang.ctx, SYSTEM, { username: 'operator.jalan', name: 'Operator Jalan', role: 'operator', agencyId: 'dbmsda', password: 'sandi-uji-coba-123' })).ok).toBe(true);
    const login = await fetch(`${mlgUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator.jalan', password: 'sandi-uji-coba-123' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const filed = await postReport(urls[1], validReport({ ...IN_MALANG, lon: IN_MALANG.lon + 0.004, category: 'jalan-rusak', description: 'Jalan provinsi berlubang' }), [await photo()]);
    expect(filed.status).toBe(201);
    const { id, ticket, trackKey } = filed.body as { id: number; ticket: string; trackKey: string };

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${mlgUrl}/wall?display=${cityWallToken(WALL_TOKEN, 'malang')}`);
    await page.waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
    await expect.poll(() => drawnAt(page, 'reports', id, IN_MALANG.lon + 0.004, IN_MALANG.lat), { timeout: 20_000, interval: 250 }).toBe('red');

    const version = (await (await fetch(`${mlgUrl}/api/console/reports/${id}`, { headers: { cookie } })).json()).report.version;
    const forwarded = await fetch(`${mlgUrl}/api/console/reports/${id}/actions`, {
      method: 'POST', headers: { cookie, origin: mlgUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'forward', toCity: 'tangerang', reason: 'Ruas ini ditangani Kota Tangerang', expectedVersion: version }),
    });
    expect(forwarded.status).toBe(200);
    // Gone from Malang's map (not grey: it is Tangerang's now): the wall holds it forwarded, and draws it no more.
    await page.waitForFunction((reportId) => window.__pantau?.live.get(reportId)?.status === 'forwarded', id);
    await expect.poll(() => drawnAt(page, 'reports', id, IN_MALANG.lon + 0.004, IN_MALANG.lat), { timeout: 20_000, interval: 250 }).toBe(null);
    // …while the map is drawn there: another report beside it still is.
    const beside = await postReport(urls[1], validReport({ ...IN_MALANG, lon: IN_MALANG.lon + 0.0042, category: 'jalan-rusak', description: 'Jalan berlubang di sebelahnya' }), [await photo()]);
    expect(beside.status).toBe(201);
    await expect.poll(() => drawnAt(page, 'reports', Number(beside.body.id), IN_MALANG.lon + 0.004, IN_MALANG.lat), { timeout: 20_000, interval: 250 }).toBe('red');
    expect(await drawnAt(page, 'reports', id, IN_MALANG.lon + 0.004, IN_MALANG.lat)).toBe(null);

    const there = (await tangerang.ctx.store.query((p) => p.reports.reportByTicket(ticket)))!;
    await page.goto(`${tngUrl}/wall?display=${cityWallToken(WALL_TOKEN, 'tangerang')}`);
    await page.waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
    await expect.poll(() => drawnAt(page, 'reports', there.id, IN_MALANG.lon + 0.004, IN_MALANG.lat), { timeout: 20_000, interval: 250 }).toBe('red');

    // The citizen's own link, at Malang's address: forwarded to Tangerang, received there, with the reason.
    await page.goto(`${mlgUrl}/lacak/${ticket}?k=${encodeURIComponent(trackKey)}`);
    await page.waitForSelector('[data-testid="track-history"] [data-type="report.received"]');
    const steps = await page.$$eval('[data-testid="track-history"] li', (li) => li.map((l) => [l.getAttribute('data-type'), l.querySelector('[data-testid="track-city"]')?.textContent ?? null]));
    expect(steps).toEqual([
      ['report.received', ': Kota Malang'],
      ['report.forwarded', ': Kota Tangerang'],
      ['report.submitted', null],
    ]);
    expect(await page.textContent('[data-testid="track-forwarded"]')).toContain('Kota Tangerang');
    await page.screenshot({ path: join(ARTIFACTS, 'forwarded-tracking.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

/** The phase MapLibre draws a report's point in, zoomed to it (out of a cluster); null when it draws none. */
function drawnAt(page: Page, source: string, id: number, lng: number, lat: number) {
  return page.evaluate(([layer, reportId, x, y]) => {
    const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
    if (map.getZoom() < 15) map.jumpTo({ center: [x as number, y as number], zoom: 16 });
    const f = map.queryRenderedFeatures({ layers: [`${layer}-points`] }).find((p) => p.properties?.id === reportId);
    return f ? String(f.properties.phase) : null;
  }, [source, id, lng, lat] as const);
}
