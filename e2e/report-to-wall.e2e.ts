import { seedAccounts } from '../scripts/seed-accounts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  for (let i = 0; i < 5; i++) await postReport(url, validReport({ lat: -6.17 - i * 0.01, lon: 106.62 + i * 0.01 }), [await photo()]);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function openWall(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/wall?display=${WALL_TOKEN}${query}`);
  await page.waitForSelector('body[data-live="ready"]', { timeout: 45_000 });
  expect(errors).toEqual([]);
  return page;
}

// One paired wall for the tests that follow a report on it, as a room's wall stays open all day (each load of the
// map costs seconds of SwiftShader); opened by the first test that needs it.
let shared: Page | null = null;
const theWall = async () => (shared ??= await openWall());

/** Asks MapLibre which report features it actually drew, not what the DOM says. */
function renderedPhase(page: Page, id: number) {
  return page.evaluate((reportId) => {
    const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
    const f = map.queryRenderedFeatures({ layers: ['reports-points'] }).find((x) => x.properties?.id === reportId);
    return f ? String(f.properties.phase) : null;
  }, id);
}

describe('a report reaches the wall', () => {
  it('appears as a red marker the map draws, and in the spotlight with its photo', async () => {
    const page = await theWall();
    expect(await page.evaluate(() => (window as unknown as { __pantau: { live: { size(): number } } }).__pantau.live.size())).toBe(5);

    const lat = -6.2105;
    const lon = 106.6631;
    const { status, body } = await postReport(url, validReport({ lat, lon, category: 'jalan-rusak', description: 'Jalan berlubang besar di Jl. Daan Mogot', reporterContact: '0899-RAHASIA' }), [await photo()]);
    expect(status).toBe(201);
    const id = Number(body.id);

    await page.waitForFunction((t) => document.querySelector('[data-testid="spotlight-ticket"]')?.textContent?.includes(t), String(body.ticket), { timeout: 15_000 });
    const spotlight = await page.textContent('[data-testid="spotlight"]');
    expect(spotlight).toContain('Jalan rusak');
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="spotlight"] img')].some((i) => i.complete && i.naturalWidth > 0));

    // Zoom to the report so it is drawn as a single marker rather than inside a cluster.
    await page.evaluate(([lng, la]) => {
      const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
      map.jumpTo({ center: [lng, la], zoom: 16 });
    }, [lon, lat]);
    await expect.poll(() => renderedPhase(page, id), { timeout: 20_000, interval: 250 }).toBe('red');

    const html = await page.content();
    expect(html).not.toContain('RAHASIA');
    await page.screenshot({ path: join(ARTIFACTS, 'wall-new-report.png') });
  });

  it('turns the marker yellow when the report is dispatched', async () => {
    const page = await theWall();
    const [report] = hub.ctx.store.reports.latest(1);
    const { actOnReport } = await import('../server/commands/act-on-report.js');
    await page.evaluate(([lng, la]) => {
      const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
      map.jumpTo({ center: [lng, la], zoom: 16 });
    }, [report.lng, report.lat]);
    await expect.poll(() => renderedPhase(page, report.id), { timeout: 20_000, interval: 250 }).toBe('red');
    const op = { id: 'op', role: 'operator' as const, agencyId: report.agencyId };
    // Dispatch goes only to a real, active field supervisor of the report's agency.
    const fs = hub.ctx.store.accounts.fieldSupervisors(report.agencyId)[0] ?? (await seedAccounts(hub.ctx)).fieldOf(report.agencyId);
    expect((await actOnReport(hub.ctx, op, report.id, { action: 'dispatch', assigneeId: fs.id })).ok).toBe(true);
    await expect.poll(() => renderedPhase(page, report.id), { timeout: 20_000, interval: 250 }).toBe('yellow');
  });

  it('catches up an idle wall on an event this hub did not broadcast, from the log or the head beat', async () => {
    const page = await theWall();
    const report = hub.ctx.store.reports.latest(5).find((r) => r.status === 'new')!;
    const { actOnReport } = await import('../server/commands/act-on-report.js');
    const status = () => page.evaluate((id) => (window as unknown as { __pantau: { live: { get(id: number): { status: string } | undefined } } }).__pantau.live.get(id)?.status, report.id);
    expect(await status()).toBe('new');
    // Committed without this hub broadcasting it (as by another hub on the store, or one that died after its COMMIT):
    // the log follower reads it from the log within a tenth of a second, and failing that the head beat tells the wall.
    const op = { id: 'op', role: 'operator' as const, agencyId: report.agencyId };
    expect((await actOnReport({ ...hub.ctx, publish: () => {} }, op, report.id, { action: 'check' })).ok).toBe(true);
    // One beat tells the head; the next finds the wall still short of it, and the wall asks what it missed.
    hub.headBeat.beat();
    hub.headBeat.beat();
    await expect.poll(status, { timeout: 20_000, interval: 250 }).toBe('checked');
  });

  it('speaks English with ?lang=en and Bahasa Indonesia by default', async () => {
    const id = await theWall();
    const en = await openWall('&lang=en');
    expect(await id.textContent('body')).toMatch(/WIB/);
    const header = (p: Page) => p.evaluate(() => document.querySelector('header')?.textContent ?? document.body.textContent ?? '');
    expect(await header(id)).not.toEqual(await header(en));
    await en.screenshot({ path: join(ARTIFACTS, 'wall-en.png') });
    await en.close();
  });

  it('shows a clear message, not the map, on a screen that is not paired, and says so apart from a refused token', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}/wall`);
    await page.waitForFunction(() => /belum dipasangkan/i.test(document.body.textContent ?? ''), undefined, { timeout: 20_000 });
    await page.goto(`${url}/wall?display=not-a-valid-token-000000000000`);
    await page.waitForFunction(() => /token layar ini ditolak/i.test(document.body.textContent ?? ''), undefined, { timeout: 20_000 });
    await page.close();
  });
});
