import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { photo, postReport, validReport } from '../server/testing/hub.js';
import { seedAccounts } from '../scripts/seed-accounts.js';
import { actOnReport } from '../server/commands/act-on-report.js';
import { ARTIFACTS } from './browser.js';
import { useE2e } from './harness.js';
import { manyOpenReports } from '../server/testing/many-reports.js';

const e2e = useE2e({ from: 'accounts' });

async function operatorPage(username = 'operator.dkp'): Promise<Page> {
  const page = await e2e.login(username, '/console');
  await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
  return page;
}

async function openReport(page: Page, id: number) {
  await page.click(`[data-testid="queue-row"][data-report-id="${id}"]`);
  await page.waitForSelector(`[data-testid="report-panel"][data-report-id="${id}"]`);
}

async function fillDispatch(page: Page) {
  await page.click('[data-testid="action-dispatch"]');
  await page.waitForSelector('[data-testid="dispatch-assignee"]');
  const value = await page.$eval('[data-testid="dispatch-assignee"] option:not([value=""])', (o) => (o as HTMLOptionElement).value);
  await page.selectOption('[data-testid="dispatch-assignee"]', value);
  return value;
}

const phaseOnWall = (wall: Page, id: number) =>
  wall.evaluate((reportId) => {
    const { map } = (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau;
    const f = map.queryRenderedFeatures({ layers: ['reports-points'] }).find((x) => x.properties?.id === reportId);
    return f ? String(f.properties.phase) : null;
  }, id);

describe('the operator console', () => {
  let page: Page;

  it('an operator checks and dispatches a red report, and the wall shows it turn yellow', async () => {
    const lat = -6.2105;
    const lon = 106.6631;
    const id = Number((await postReport(e2e.url, validReport({ lat, lon }), [await photo()])).body.id);

    const wall = await e2e.wall('/wall', 'body[data-live="ready"]');
    await wall.evaluate(([lng, la]) => (window as unknown as { __pantau: { map: import('maplibre-gl').Map } }).__pantau.map.jumpTo({ center: [lng, la], zoom: 16 }), [lon, lat]);
    await expect.poll(() => phaseOnWall(wall, id), { timeout: 30_000, interval: 250 }).toBe('red');

    page = await operatorPage();
    await openReport(page, id);
    await page.click('[data-testid="action-check"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-status="checked"]`);
    await page.click('[data-testid="action-dispatch"]');
    await page.waitForSelector('[data-testid="dispatch-assignee"]');
    const options = await page.$$eval('[data-testid="dispatch-assignee"] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await page.selectOption('[data-testid="dispatch-assignee"]', options[0]);
    await page.fill('[data-testid="dispatch-instruction"]', 'Angkut sebelum jam 12 dan kirim foto bukti');
    await page.click('[data-testid="action-submit"]');
    await page.waitForSelector(`[data-testid="report-panel"][data-status="dispatched"]`, { timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'console-dispatched.png') });

    await expect.poll(() => phaseOnWall(wall, id), { timeout: 30_000, interval: 250 }).toBe('yellow');
    const history = e2e.hub.ctx.store.events.forReport(id).map((e) => e.type);
    expect(history).toEqual(['report.submitted', 'report.checked', 'report.dispatched']);
    await wall.close();
  });

  // Two operators at once: the hub's side (one 200, one 409, never an overwrite) is proved in console.int.test.ts;
  // what only a browser shows is the loser being told. The other operator's dispatch goes through the same
  // command while this one's form is open on the version it loaded.
  it('an operator whose report was dispatched by someone else meanwhile is told, and nothing is applied twice', async () => {
    const id = Number((await postReport(e2e.url, validReport({ lat: -6.19, lon: 106.64 }), [await photo()])).body.id);
    await page.reload();
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    await openReport(page, id);
    const assignee = await fillDispatch(page);
    const accounts = await seedAccounts(e2e.hub.ctx);
    const version = e2e.hub.ctx.store.reports.get(id)!.version;
    expect((await actOnReport(e2e.hub.ctx, accounts.operatorOf('dkp'), id, { action: 'dispatch', assigneeId: assignee, expectedVersion: version })).ok).toBe(true);
    await page.click('[data-testid="action-submit"]');
    await page.waitForSelector('[data-testid="conflict-message"]', { timeout: 30_000 });
    expect(e2e.hub.ctx.store.events.forReport(id).filter((e) => e.type === 'report.dispatched')).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'console-conflict.png') });
  });

  // The queue at volume: rows go straight into the projection (what the queue reads), thousands of them.
  it('a queue of thousands draws only the rows in view, loads the next page on scroll, and still takes a new report at the top', async () => {
    const { ctx } = e2e.hub;
    const reports = manyOpenReports(ctx.city, 4500, { firstId: ctx.store.reports.nextId(), now: Date.now(), spanMs: 7 * 86400_000, ticketBase: 500_000 });
    ctx.store.tx(() => reports.forEach((r) => ctx.store.reports.put(r)));
    const mine = reports.filter((r) => r.agencyId === 'dkp').length;
    await page.reload();
    await page.waitForSelector('body[data-console="ready"]', { timeout: 60_000 });
    await page.click('[data-testid="queue-tab-all"]');
    const list = page.locator('[data-testid="queue-list"]');
    await expect.poll(() => list.getAttribute('data-rows')).toBe('100');
    await expect.poll(() => page.textContent('[data-testid="queue-count"]')).toMatch(/lebih dari 1\.000 laporan/);
    expect(mine).toBeGreaterThan(1000);
    const drawn = () => page.locator('[data-testid="queue-row"]').count();
    expect(await drawn()).toBeLessThan(40);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => list.getAttribute('data-rows')).toBe('200');
    expect(await drawn()).toBeLessThan(40);
    await page.screenshot({ path: join(ARTIFACTS, 'console-queue-volume.png') });

    await list.evaluate((el) => (el.scrollTop = 0));
    const id = Number((await postReport(e2e.url, validReport({ lat: -6.2, lon: 106.65 }), [await photo()])).body.id);
    await page.waitForSelector(`[data-testid="queue-row"][data-report-id="${id}"][aria-posinset="1"]`, { timeout: 30_000 });
    expect(await list.getAttribute('data-rows')).toBe('201');
  });
});
