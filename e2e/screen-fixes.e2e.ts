import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SqliteHub as Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { handle } from '../server/testing/lifecycle.js';
import { actOnReport } from '../server/commands/act-on-report.js';
import { assignLayout } from '../server/commands/layouts.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { ARTIFACTS, launch } from './browser.js';
import { layoutFrame } from './harness.js';

/**
 * The screen bugs a newcomer's walk found (issue 15), each checked where only a browser shows it: the spotlight
 * takes every report of a burst, the console fits a 1366 px laptop and its search keys behave, a started job stays
 * started on a fresh page, a split's map keeps its window badge above the alert strip, and /ringkas fits a phone.
 * One hub, one browser, one page per screen and size. (The rules themselves are unit-tested in wall/lib and
 * server/domain.)
 */
let hub: Hub;
let url: string;
let browser: Browser;

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  await seedAccounts(hub.ctx);
  const benda = hub.ctx.city.districts.find((d) => d.name === 'Benda')!.label;
  for (let i = 0; i < 3; i++) await postReport(url, validReport({ category: 'macet', lon: benda[0], lat: benda[1], description: `Antrean panjang ${i}` }), [await photo()]);
  await postReport(url, validReport({ category: 'sampah' }), [await photo()]);
  browser = await launch();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function loggedIn(username: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const res = await context.request.post(`${url}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

describe('screen fixes from the newcomer walk', () => {
  it('the spotlight shows every report of a burst together, each with its photo', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}/wall?display=${WALL_TOKEN}`);
    await page.waitForSelector('body[data-live="ready"]', { timeout: 120_000 });
    // Every ticket the panel ever shows, noted by the page itself (a slow poll could miss a short turn).
    await page.evaluate(() => {
      const seen = ((window as unknown as { __seen: Set<string> }).__seen = new Set<string>());
      new MutationObserver(() => document.querySelectorAll('[data-testid="spotlight-ticket"]').forEach((e) => seen.add((e.textContent ?? '').trim()))).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // Four at once, faster than one can be read.
    const photos = await Promise.all([1, 2, 3, 4].map(() => photo()));
    const filed = await Promise.all(['jalan-rusak', 'saluran', 'pju', 'sampah'].map((category, i) => postReport(url, validReport({ category }), [photos[i]!])));
    const tickets = filed.map((f) => String(f.body.ticket));
    // None is skipped: each reaches the screen, the ones that wait for a turn together as a strip.
    await page.waitForFunction((ts) => ts.every((t) => (window as unknown as { __seen: Set<string> }).__seen.has(t)), tickets, { timeout: 90_000, polling: 250 });
    await page.waitForSelector('.spotlight.strip', { timeout: 30_000 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.spotlight-strip img')].every((i) => i.complete && i.naturalWidth > 0));
    await page.screenshot({ path: join(ARTIFACTS, 'screen-fixes-spotlight-strip-1080p.png'), timeout: 120_000 });
    await page.close();
  });

  it('the console at 1366x768: the header fits, its menu reaches every link, and search keys leave the box', async () => {
    const { context, page } = await loggedIn('supervisor', { width: 1366, height: 768 });
    await page.goto(`${url}/console`);
    await page.waitForSelector('body[data-console="ready"]', { timeout: 90_000 });
    const header = await page.$eval(".cn-header", (h) => ({ scroll: h.scrollWidth, client: h.clientWidth }));
    expect(header.scroll).toBeLessThanOrEqual(header.client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.click('[data-testid="header-menu"]');
    for (const id of ['performance-link', 'admin-link', 'displays-link', 'logout']) expect(await page.isVisible(`[data-testid="${id}"]`)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'screen-fixes-console-menu-1366.png'), timeout: 120_000 });
    await page.keyboard.press('Escape');
    expect(await page.isVisible('[data-testid="logout"]')).toBe(false);

    // "/" then a category name and Enter: the list holds that category's reports and J moves the cursor, not the text.
    await page.locator('body').press('/');
    await page.keyboard.type('Kemacetan');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
    await expect.poll(() => page.$$eval('[data-testid="queue-row"]', (rows) => rows.length), { timeout: 10_000 }).toBe(3);
    await page.keyboard.press('j');
    expect(await page.inputValue('[data-testid="queue-search"]')).toBe('Kemacetan');
    expect(await page.$$eval('.cursor', (els) => els.length)).toBe(1);
    // Esc leaves the box as well.
    await page.locator('body').press('/');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
    await context.close();
  });

  it('a started job is still started on a fresh page: no second "Mulai kerja"', async () => {
    const id = hub.ctx.store.reports.queuePage({}, { limit: 10 }).find((r) => r.categoryId === 'sampah')!.id;
    await handle(hub, id, ['dispatch', 'accept']);
    const r = hub.ctx.store.reports.get(id)!;
    const field = hub.ctx.store.accounts.fieldSupervisors(r.agencyId).find((a) => a.id === r.assigneeId)!;
    expect((await actOnReport(hub.ctx, { id: field.id, role: 'field', agencyId: r.agencyId, name: field.name }, id, { action: 'start' })).ok).toBe(true);
    const { context, page } = await loggedIn(field.username, { width: 390, height: 844 });
    await page.goto(`${url}/field`);
    const card = `[data-testid="job-card"][data-report-id="${id}"]`;
    await page.waitForSelector(card, { timeout: 90_000 });
    expect(await page.$(`${card} [data-testid="job-start"]`)).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'screen-fixes-field-started-390.png'), timeout: 120_000 });
    await context.close();
  });

  it("a split's map keeps its window badge, and the alert strip sits under the views, not over them", async () => {
    const displayId = hub.ctx.store.layouts.displays()[0]!.id;
    const sup = { id: 'e2e-supervisor', role: 'supervisor' as const, name: 'Supervisor' };
    expect((await assignLayout(hub.ctx, sup, displayId, { kind: 'split', views: [{ view: 'map', window: '6h' }, { view: 'cameras' }], direction: 'columns' })).ok).toBe(true);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${url}/wall/layar?display=${WALL_TOKEN}`);
    const map = await layoutFrame(page, 'map');
    await map.waitForSelector('[data-testid="window-badge"]', { state: 'visible', timeout: 60_000 });
    // A flood is an emergency: its alert comes up across the foot.
    await postReport(url, validReport({ category: 'banjir', description: 'Banjir sepinggang di Jl. Daan Mogot' }), [await photo()]);
    await page.waitForSelector('[data-testid="wall-alert"]', { timeout: 30_000 });
    const stageBottom = await page.$eval('[data-testid="layar-stage"]', (e) => e.getBoundingClientRect().bottom);
    const alertTop = await page.$eval('[data-testid="wall-alert"]', (e) => e.getBoundingClientRect().top);
    expect(stageBottom).toBeLessThanOrEqual(alertTop + 1);
    await page.screenshot({ path: join(ARTIFACTS, 'screen-fixes-layar-split-window-1080p.png'), timeout: 120_000 });
    await page.close();
  });

  it('/ringkas login fits a 390 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${url}/ringkas`);
    await page.waitForSelector('form');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'screen-fixes-ringkas-login-390.png'), timeout: 120_000 });
    await page.close();
  });
});
