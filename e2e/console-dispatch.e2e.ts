import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Hub } from '../server/hub.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN } from '../server/testing/hub.js';
import { DEMO_PASSWORD, seedAccounts } from '../scripts/seed-accounts.js';
import { ARTIFACTS, launch } from './browser.js';

let hub: Hub;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ hub, url } = await startTestHub({ staticDir: join(import.meta.dirname, '..', 'dist') }));
  await seedAccounts(hub.ctx);
  browser = await launch();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await hub?.close();
});

async function operatorPage(username = 'operator.dkp'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${url}/console`);
  await page.fill('[data-testid="login-username"]', username);
  await page.fill('[data-testid="login-password"]', DEMO_PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('body[data-console="ready"]', { timeout: 30_000 });
  return page;
}

async function openReport(page: Page, id: number) {
  await page.click(`[data-testid="queue-row"][data-report-id="${id}"]`);
  await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${id}"]`);
}

const phaseOnWall = (wall: Page, id: number) =>
  wall.evaluate((reportId) => {
    const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
    const f = map.queryRenderedFeatures({ layers: ['reports-points'] }).find((x) => x.properties?.id === reportId);
    return f ? String(f.properties.phase) : null;
  }, id);

describe('the operator console', () => {
  it('an operator checks and dispatches a red report, and the wall shows it turn yellow', async () => {
    const lat = -6.2105;
    const lon = 106.6631;
    const id = Number((await postReport(url, validReport({ lat, lon }), [await photo()])).body.id);

    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(wallContext);
    const wall = await wallContext.newPage();
    await wall.goto(`${url}/wall?display=${WALL_TOKEN}`);
    await wall.waitForSelector('body[data-live="ready"]', { timeout: 45_000 });
    await wall.evaluate(([lng, la]) => (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map.jumpTo({ center: [lng, la], zoom: 16 }), [lon, lat]);
    await expect.poll(() => phaseOnWall(wall, id), { timeout: 20_000, interval: 250 }).toBe('red');

    const page = await operatorPage();
    await openReport(page, id);
    await page.click('[data-testid="action-check"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-status="checked"]`);
    await page.click('[data-testid="action-dispatch"]');
    await page.waitForSelector('[data-testid="dispatch-assignee"]');
    const options = await page.$$eval('[data-testid="dispatch-assignee"] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await page.selectOption('[data-testid="dispatch-assignee"]', options[0]);
    await page.fill('[data-testid="dispatch-instruction"]', 'Angkut sebelum jam 12 dan kirim foto bukti');
    await page.click('[data-testid="action-submit"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-status="dispatched"]`, { timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'console-dispatched.png') });

    await expect.poll(() => phaseOnWall(wall, id), { timeout: 20_000, interval: 250 }).toBe('yellow');
    const history = hub.ctx.store.events.forReport(id).map((e) => e.type);
    expect(history).toEqual(['report.submitted', 'report.checked', 'report.dispatched']);
  });

  it('two operators dispatch the same report at once: exactly one wins, the other is told', async () => {
    const id = Number((await postReport(url, validReport({ lat: -6.19, lon: 106.64 }), [await photo()])).body.id);
    const [a, b] = await Promise.all([operatorPage(), operatorPage()]);
    for (const p of [a, b]) {
      await openReport(p, id);
      await p.click('[data-testid="action-dispatch"]');
      await p.waitForSelector('[data-testid="dispatch-assignee"]');
      const value = await p.$eval('[data-testid="dispatch-assignee"] option:not([value=""])', (o) => (o as HTMLOptionElement).value);
      await p.selectOption('[data-testid="dispatch-assignee"]', value);
    }
    await Promise.all([a.click('[data-testid="action-submit"]'), b.click('[data-testid="action-submit"]')]);
    await expect
      .poll(async () => (await a.$('[data-testid="conflict-message"]')) !== null || (await b.$('[data-testid="conflict-message"]')) !== null, { timeout: 15_000 })
      .toBe(true);
    expect(hub.ctx.store.events.forReport(id).filter((e) => e.type === 'report.dispatched')).toHaveLength(1);
    const loser = (await a.$('[data-testid="conflict-message"]')) ? a : b;
    await loser.screenshot({ path: join(ARTIFACTS, 'console-conflict.png') });
  });
});
