import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport } from '../server/testing/hub.js';
import { handle } from '../server/testing/lifecycle.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { ARTIFACTS, launch } from './browser.js';

// The hub's clock, moved by the test: the report's events are logged at known WIB times on 20 Nov 2026.
const wib = (hhmm: string, day = '2026-11-20') => new Date(`${day}T${hhmm}:00+07:00`);
let clock = wib('07:30');
const LAT = -6.2015;
const LON = 106.6405;

let hub: Hub;
let url: string;
let browser: Browser;
let reportId: number;

async function sessionOf(username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const [name, value] = res.headers.get('set-cookie')!.split(';')[0].split('=');
  return { name, value, url };
}

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }, { now: () => clock, from: 'accounts' }));
  await seedAccounts(hub.ctx);
  // Other reports of the day around it, so the replay is a city, not one dot.
  for (let i = 0; i < 6; i++) {
    clock = wib(`07:${10 + i * 7}`);
    await postReport(url, validReport({ lat: -6.16 - i * 0.012, lon: 106.6 + i * 0.014, category: i % 2 ? 'jalan-rusak' : 'sampah' }), [await photo()]);
  }
  clock = wib('08:00');
  reportId = Number((await postReport(url, validReport({ lat: LAT, lon: LON, description: 'Sampah menumpuk di depan SD Negeri 3' }), [await photo()])).body.id);
  const times: Record<string, string> = { dispatch: '09:00', accept: '09:30', submit_proof: '10:00', verify: '11:00' };
  await handle(hub, reportId, ['dispatch', 'accept', 'submit_proof', 'verify'], (step) => (clock = wib(times[step])));
  clock = wib('12:00', '2026-11-21');
  browser = await launch();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function openReplay(context: BrowserContext, query: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/wall/putar-ulang${query}`);
  await page.waitForSelector('body[data-live="ready"]', { timeout: 60_000 });
  expect(errors).toEqual([]);
  // Close enough that the report is drawn as its own marker, not inside a cluster.
  await page.evaluate(([lng, lat]) => window.__pantau!.map!.jumpTo({ center: [lng, lat], zoom: 16 }), [LON, LAT]);
  return page;
}

/** Asks MapLibre which colour it actually drew the report in. */
function renderedPhase(page: Page, id: number) {
  return page.evaluate((reportId) => {
    const f = window.__pantau!.map!.queryRenderedFeatures({ layers: ['reports-points'] }).find((x) => x.properties?.id === reportId);
    return f ? String(f.properties.phase) : null;
  }, id);
}
const jumpTo = (page: Page, hhmm: string) => page.fill('[data-testid="replay-jump"]', hhmm);
const replayAt = (page: Page) => page.evaluate(() => document.body.dataset.replayAt ?? '');

describe('replaying the city\'s day from the event log', () => {
  it('shows the report red, then yellow, then green at the moments it happened', async () => {
    const context = await browser.newContext();
    await context.addCookies([await sessionOf('supervisor')]);
    const page = await openReplay(context, '?tanggal=2026-11-20&jam=07:45');

    // 07:45: not yet reported.
    await expect.poll(() => replayAt(page)).toBe(wib('07:45').toISOString());
    await expect.poll(() => renderedPhase(page, reportId), { timeout: 20_000, interval: 250 }).toBe(null);

    await jumpTo(page, '08:30');
    await expect.poll(() => renderedPhase(page, reportId), { timeout: 20_000, interval: 250 }).toBe('red');
    expect(await page.textContent('[data-testid="replay-clock"]')).toContain('08:30');
    expect(await page.textContent('[data-testid="count-red"]')).toMatch(/^\s*7\D/);
    await page.screenshot({ path: join(ARTIFACTS, 'replay-red-1080p.png') });

    await jumpTo(page, '09:15');
    await expect.poll(() => renderedPhase(page, reportId), { timeout: 20_000, interval: 250 }).toBe('yellow');
    expect(await page.textContent('[data-testid="replay-steps"]')).toMatch(/09:00/);

    // Played at an hour a second, the clock reaches 11:00 and the report turns green on its own.
    await page.click('[data-speed="3600"]');
    await page.click('[data-testid="replay-play"]');
    await expect.poll(() => renderedPhase(page, reportId), { timeout: 30_000, interval: 200 }).toBe('green');
    expect(Date.parse(await replayAt(page))).toBeGreaterThanOrEqual(wib('11:00').getTime());
    await page.click('[data-testid="replay-play"]'); // pause
    await page.evaluate(() => window.__pantau!.map!.setZoom(13));
    await page.screenshot({ path: join(ARTIFACTS, 'replay-green-1080p.png') });

    // Back in time: the same report is red again (the state is rebuilt from the start of the day).
    await jumpTo(page, '08:10');
    await expect.poll(() => renderedPhase(page, reportId), { timeout: 20_000, interval: 250 }).toBe('red');
    await page.close();
    await context.close();
  });

  it('is refused to an operator, with a message instead of an empty map', async () => {
    const context = await browser.newContext();
    await context.addCookies([await sessionOf('operator.dkp')]);
    const page = await context.newPage();
    await page.goto(`${url}/wall/putar-ulang?tanggal=2026-11-20`);
    await page.waitForSelector('[data-testid="replay-login"]', { timeout: 30_000 });
    await context.close();
  });
});
